import { type ReactNode, useState } from "react";
import type { AllMessages } from "../../../../lib/i18n/view-messages";
import { type ChartStatus, chartTone } from "./chart-data";

/** How a status is coloured: a tone name ("ok", "bad", …), as statusTone() gives it. */
export type ToneOf = (status: string) => string;

/** The status's name in the page's language; "other" for statuses DLI may add later. */
export function statusName(status: ChartStatus | string, m: AllMessages): string {
  return m.statuses[status] ?? m.charts.otherStatus;
}

/**
 * The classes that colour a status: its tone's, and for LAUNCHING a lighter fill, since it
 * shares the active tone with RUNNING and both can sit in one stack.
 */
export function toneClass(status: string, toneOf: ToneOf = chartTone): string {
  const tone = `chart-tone-${status === "other" ? "unknown" : toneOf(status)}`;
  return status === "LAUNCHING" ? `${tone} chart-launching` : tone;
}

/**
 * A chart with its words: the title and a summary sentence (the SVG is labelled by it), the
 * drawing, and the same numbers as a table behind "Show as a table" for anyone who cannot see
 * the drawing or wants the figures.
 */
export function ChartFigure({
  title,
  titleId,
  summaryId,
  summary,
  controls,
  children,
  table,
  m,
}: {
  title: string;
  titleId: string;
  summaryId: string;
  summary: string;
  controls?: ReactNode;
  children: ReactNode;
  table: ReactNode;
  m: AllMessages;
}) {
  // A week's timeline table is thousands of cells: drawn when asked for, not with the chart.
  const [tableOpen, setTableOpen] = useState(false);
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption className="chart-caption">
        <span id={titleId} className="chart-title">
          {title}
        </span>
        <span id={summaryId} className="chart-summary">
          {summary}
        </span>
      </figcaption>
      {controls}
      {children}
      <details className="chart-table" onToggle={(event) => setTableOpen(event.currentTarget.open)}>
        <summary>{m.charts.showTable}</summary>
        <div className="chart-table-scroll">{tableOpen && table}</div>
      </details>
    </figure>
  );
}

/** Colour keys for the statuses drawn, each with its name: colour is never the only label. */
export function StatusLegend({
  statuses,
  toneOf,
  m,
}: {
  statuses: readonly string[];
  toneOf?: ToneOf | undefined;
  m: AllMessages;
}) {
  if (statuses.length === 0) return null;
  return (
    <ul className="chart-legend" aria-label={m.charts.legend}>
      {statuses.map((status) => (
        <li key={status}>
          <svg className="chart-swatch" viewBox="0 0 10 10" aria-hidden="true">
            <rect className={toneClass(status, toneOf)} width="10" height="10" rx="2" />
          </svg>
          {statusName(status, m)}
        </li>
      ))}
    </ul>
  );
}
