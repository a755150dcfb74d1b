import { scaleLinear } from "d3-scale";
import { useId, useMemo } from "react";
import { formatDuration, formatNumber } from "../../../../lib/format";
import { type AllMessages, useViewMessages } from "../../../../lib/i18n/view-messages";
import {
  type ChartJob,
  type DurationGroup,
  type DurationHistograms,
  durationHistograms,
  durationTicks,
} from "./chart-data";
import { chartDuration } from "./chart-format";
import { ChartFigure } from "./chart-parts";
import { useChartWidth } from "./use-chart-width";
import "./charts.css";

const HEIGHT = 130;
const MARGIN = { top: 28, right: 12, bottom: 22, left: 34 };
/** Room one duration label needs at 11 px ("1h 30min"), so labels never collide. */
const TICK_PX = 64;
/** Small charts side by side when each can be at least this wide. */
const MIN_PANEL_PX = 300;

/**
 * How long finished jobs took: one small histogram per reference (the largest first), all on
 * the same duration axis, each with its median and 90th percentile marked.
 */
export function DurationChart({ jobs }: { jobs: readonly ChartJob[] }) {
  const m = useViewMessages();
  const id = useId();
  const [gridRef, width] = useChartWidth<HTMLDivElement>();
  const data = useMemo(() => durationHistograms(jobs), [jobs]);
  const columns = Math.max(1, Math.min(data.groups.length, Math.floor(width / MIN_PANEL_PX)));
  // The grid's gap (1rem) between columns.
  const panelWidth = Math.floor((width - (columns - 1) * 16) / columns);
  const summary =
    data.total === 0
      ? m.charts.durations.none
      : m.charts.durations.summary(formatNumber(data.total), data.total, data.groups.length);

  return (
    <ChartFigure
      title={m.charts.durations.title}
      titleId={`${id}-title`}
      summaryId={`${id}-summary`}
      summary={summary}
      m={m}
      table={<DurationTables data={data} m={m} />}
    >
      <div
        className="chart-panels"
        ref={gridRef}
        // As many columns as the panels were drawn for, so a viewBox is never shrunk to fit.
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
      >
        {data.groups.map((group, i) => (
          <DurationPanel
            key={group.reference ?? "\u0000"}
            id={`${id}-${i}`}
            group={group}
            data={data}
            width={Math.max(160, panelWidth)}
            m={m}
          />
        ))}
      </div>
    </ChartFigure>
  );
}

function referenceName(group: DurationGroup, m: AllMessages): string {
  return group.reference ?? m.charts.durations.noReference;
}

function DurationPanel({
  id,
  group,
  data,
  width,
  m,
}: {
  id: string;
  group: DurationGroup;
  data: DurationHistograms;
  width: number;
  m: AllMessages;
}) {
  const x = scaleLinear()
    .domain(data.domain)
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...group.bins.map((b) => b.count))])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const fit = Math.max(2, Math.floor((width - MARGIN.left - MARGIN.right) / TICK_PX));
  const xTicks = durationTicks(data.domain, data.unit, fit);
  const yTicks = y.ticks(3).filter(Number.isInteger);
  const caption = m.charts.durations.groupSummary(
    referenceName(group, m),
    formatNumber(group.count),
    group.count,
    chartDuration(group.median, m),
    chartDuration(group.p90, m),
  );
  const markers = [
    { key: "median", at: group.median, label: m.charts.durations.medianMark },
    { key: "p90", at: group.p90, label: m.charts.durations.p90Mark },
  ];

  return (
    <div className="chart-panel">
      <p className="chart-panel-title" id={id}>
        {caption}
      </p>
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: labelled by the caption above (aria-labelledby), which this rule of biome 2.6 does not see */}
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} width="100%" role="img" aria-labelledby={id}>
        <g className="chart-grid">
          {yTicks.map((tick) => (
            <g key={tick} transform={`translate(0,${y(tick)})`}>
              <line x1={MARGIN.left} x2={width - MARGIN.right} />
              <text x={MARGIN.left - 5} dy="0.32em" textAnchor="end">
                {formatNumber(tick)}
              </text>
            </g>
          ))}
        </g>
        {group.bins.map((b) =>
          b.count === 0 ? null : (
            <rect
              key={b.x0}
              className="chart-bar chart-tone-ok"
              x={x(b.x0) + 0.5}
              y={y(b.count)}
              width={Math.max(1, x(b.x1) - x(b.x0) - 1)}
              height={y(0) - y(b.count)}
            />
          ),
        )}
        <g className="chart-axis">
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} />
          {xTicks.map((tick) => (
            <text
              key={tick}
              x={x(tick)}
              y={HEIGHT - 6}
              // The last label ends at the axis's end rather than overhanging the panel.
              textAnchor={x(tick) > width - MARGIN.right - 24 ? "end" : "middle"}
            >
              {tick === 0 ? "0" : formatDuration(tick, m.units)}
            </text>
          ))}
        </g>
        {markers.map(({ key, at, label }, i) => (
          <g key={key} className={`chart-marker chart-marker-${key}`}>
            {/* Two rows of labels, so a median close to the 90th percentile stays readable. */}
            <line x1={x(at)} x2={x(at)} y1={12 * i + 2} y2={y(0)} />
            <text
              x={x(at)}
              y={12 * i + 11}
              textAnchor={x(at) > width - 60 ? "end" : "start"}
              dx={x(at) > width - 60 ? -3 : 3}
            >
              {label}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}

function DurationTables({ data, m }: { data: DurationHistograms; m: AllMessages }) {
  const d = m.charts.durations;
  return (
    <>
      <table>
        <caption>{d.title}</caption>
        <thead>
          <tr>
            <th scope="col">{d.reference}</th>
            <th scope="col" className="num">
              {d.jobs}
            </th>
            <th scope="col" className="num">
              {d.median}
            </th>
            <th scope="col" className="num">
              {d.p90}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.groups.map((group) => (
            <tr key={group.reference ?? "\u0000"}>
              <th scope="row">{referenceName(group, m)}</th>
              <td className="num">{formatNumber(group.count)}</td>
              <td className="num">{chartDuration(group.median, m)}</td>
              <td className="num">{chartDuration(group.p90, m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.groups.map((group) => (
        <table key={group.reference ?? "\u0000"}>
          <caption>{d.binsCaption(referenceName(group, m))}</caption>
          <thead>
            <tr>
              <th scope="col">{d.duration}</th>
              <th scope="col" className="num">
                {d.jobs}
              </th>
            </tr>
          </thead>
          <tbody>
            {group.bins.map((b) => (
              <tr key={b.x0}>
                <th scope="row">
                  {d.binRange(formatDuration(b.x0, m.units), formatDuration(b.x1, m.units))}
                </th>
                <td className="num">{formatNumber(b.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
