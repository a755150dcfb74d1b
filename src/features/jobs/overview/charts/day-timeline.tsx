import { scaleTime, scaleUtc } from "d3-scale";
import { timeHour, utcHour } from "d3-time";
import { useId, useMemo } from "react";
import { AppLink } from "../../../../components/app-link";
import type { TimeZoneMode } from "../../../../contract/time-window";
import { formatDuration, formatNumber } from "../../../../lib/format";
import { type AllMessages, useViewMessages } from "../../../../lib/i18n/view-messages";
import { usePreferences } from "../../../../lib/preferences";
import {
  CHART_STATUS_ORDER,
  type ChartJob,
  chartStatus,
  packLanes,
  type TimelineBar,
} from "./chart-data";
import { clockText, dayClockText, longDayText } from "./chart-format";
import { ChartFigure, StatusLegend, type ToneOf, toneClass } from "./chart-parts";
import { useChartWidth } from "./use-chart-width";
import "./charts.css";

// Room above the lanes for the "now" label; at the sides for half of "00:00".
const MARGIN = { top: 16, right: 18, bottom: 24, left: 18 };
/** Room one hour label needs ("14:00" at 11 px). */
const TICK_PX = 44;
/** The narrowest bar drawn, and the space kept after each bar on its lane (px). */
const MIN_BAR_PX = 3;
const GAP_PX = 2;
const HOUR_STEPS = [1, 2, 3, 4, 6, 12] as const;

/** Taller lanes when there are few, so a quiet day is not a row of hairlines. */
function laneHeight(lanes: number): number {
  if (lanes <= 8) return 18;
  if (lanes <= 20) return 12;
  if (lanes <= 60) return 7;
  return 4;
}

/**
 * One day's jobs on a clock: each job a bar from its start to its end (or to now, while it is
 * active), coloured by status, on lanes so that jobs waiting their turn line up and jobs
 * running together stack. Each bar is a link to the job. The parent owns which day it is;
 * the previous/next buttons ask it to move.
 */
export function DayTimeline({
  jobs,
  day,
  nowMs,
  timeZone: zoneProp,
  hrefForJob,
  onDayChange,
  hrefForDay,
  hasPrevious = true,
  hasNext,
  toneOf,
}: {
  jobs: readonly ChartJob[];
  /** The day shown: from its first millisecond to the next day's (excluded). */
  day: { start: number; end: number };
  nowMs: number;
  timeZone?: TimeZoneMode;
  hrefForJob: (jobId: string) => string;
  onDayChange?: (direction: -1 | 1) => void;
  /** When given, the day's name is a link to the list of the day's jobs. */
  hrefForDay?: (day: { start: number; end: number }) => string;
  hasPrevious?: boolean;
  /** Whether there is a next day to show; by default, while the day shown has ended. */
  hasNext?: boolean;
  /** The status rules' statusTone(); the copy in chart-data.ts otherwise. */
  toneOf?: ToneOf;
}) {
  const m = useViewMessages();
  const preferredZone = usePreferences().timeZone;
  const zone = zoneProp ?? preferredZone;
  const id = useId();
  const [plotRef, width] = useChartWidth<HTMLDivElement>();

  const x = (zone === "utc" ? scaleUtc() : scaleTime())
    .domain([day.start, day.end])
    .range([MARGIN.left, Math.max(MARGIN.left + 1, width - MARGIN.right)]);
  const msPerPx = (day.end - day.start) / Math.max(1, width - MARGIN.left - MARGIN.right);
  // By value: a parent may pass a new `day` object on each render.
  const { start: dayStart, end: dayEnd } = day;
  const timeline = useMemo(
    () =>
      packLanes(jobs, { start: dayStart, end: dayEnd }, nowMs, {
        minBarMs: MIN_BAR_PX * msPerPx,
        gapMs: GAP_PX * msPerPx,
      }),
    [jobs, dayStart, dayEnd, nowMs, msPerPx],
  );
  const { bars, laneCount, peak } = timeline;
  const lane = laneHeight(laneCount);
  const height = MARGIN.top + Math.max(1, laneCount) * lane + MARGIN.bottom;
  const axisY = height - MARGIN.bottom;

  const fit = Math.max(2, Math.floor((width - MARGIN.left - MARGIN.right) / TICK_PX));
  const step = HOUR_STEPS.find((k) => 24 / k + 1 <= fit) ?? 12;
  const ticks = x.ticks((zone === "utc" ? utcHour : timeHour).every(step) ?? timeHour);
  const showNow = nowMs >= day.start && nowMs < day.end;

  const dayName = longDayText(day.start, zone, m);
  const summary =
    bars.length === 0
      ? m.charts.timeline.none(dayName)
      : m.charts.timeline.summary(
          dayName,
          formatNumber(bars.length),
          bars.length,
          formatNumber(peak.count),
          clockText(peak.at ?? day.start, zone),
        );
  const statuses = CHART_STATUS_ORDER.filter((status) =>
    bars.some((bar) => chartStatus(bar.job.status) === status),
  );
  const canGoNext = hasNext ?? day.end <= nowMs;
  const timeText = (ms: number) =>
    ms >= day.start && ms <= day.end ? clockText(ms, zone) : dayClockText(ms, zone, m);

  const controls = (
    <div className="chart-day-picker">
      {onDayChange && (
        <button
          type="button"
          disabled={!hasPrevious}
          onClick={() => onDayChange(-1)}
          aria-label={m.charts.timeline.previous}
          title={m.charts.timeline.previous}
        >
          ‹
        </button>
      )}
      <span className="chart-day-name">
        {hrefForDay ? <AppLink to={hrefForDay(day)}>{dayName}</AppLink> : dayName}
      </span>
      {onDayChange && (
        <button
          type="button"
          disabled={!canGoNext}
          onClick={() => onDayChange(1)}
          aria-label={m.charts.timeline.next}
          title={m.charts.timeline.next}
        >
          ›
        </button>
      )}
    </div>
  );

  return (
    <ChartFigure
      title={m.charts.timeline.title}
      titleId={`${id}-title`}
      summaryId={`${id}-summary`}
      summary={summary}
      controls={controls}
      m={m}
      table={
        <TimelineTable
          bars={bars}
          dayName={dayName}
          timeText={timeText}
          hrefForJob={hrefForJob}
          m={m}
        />
      }
    >
      <div className="chart-plot" ref={plotRef}>
        {/* biome-ignore lint/a11y/useSemanticElements: a drawing holding links (role=img would hide them); no fieldset in SVG */}
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="group"
          aria-labelledby={`${id}-title ${id}-summary`}
        >
          {/* The clock, its gridlines and the line at now: the table gives each job's times. */}
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group, never focusable */}
          <g aria-hidden="true">
            <g className="chart-grid">
              {ticks.map((tick) => (
                <line key={tick.getTime()} x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={axisY} />
              ))}
            </g>
            <g className="chart-axis">
              <line x1={MARGIN.left} x2={width - MARGIN.right} y1={axisY} y2={axisY} />
              {ticks.map((tick) => (
                <text key={tick.getTime()} x={x(tick)} y={axisY + 15} textAnchor="middle">
                  {clockText(tick.getTime(), zone)}
                </text>
              ))}
            </g>
            {showNow && (
              <g className="chart-now">
                <line x1={x(nowMs)} x2={x(nowMs)} y1={MARGIN.top} y2={axisY} />
                <text x={x(nowMs)} y={MARGIN.top - 1} textAnchor="middle">
                  {m.charts.timeline.now}
                </text>
              </g>
            )}
          </g>
          {bars.map((bar) => {
            const x0 = x(bar.from);
            const label = m.charts.timeline.barLabel(
              bar.job.jobId,
              jobStatusName(bar.job.status, m),
              timeText(bar.start),
              bar.active ? m.charts.timeline.now : timeText(bar.end),
              formatDuration((bar.end - bar.start) / 1000, m.units),
            );
            return (
              <AppLink
                key={bar.job.jobId}
                to={hrefForJob(bar.job.jobId)}
                className="chart-link"
                aria-label={label}
              >
                <title>{label}</title>
                <rect
                  className={`chart-bar ${toneClass(bar.job.status, toneOf)}${bar.active ? " chart-bar-active" : ""}`}
                  x={x0}
                  y={MARGIN.top + bar.lane * lane + 1}
                  width={Math.max(MIN_BAR_PX, x(bar.to) - x0)}
                  height={Math.max(2, lane - 2)}
                  rx={lane > 8 ? 2 : 0}
                />
              </AppLink>
            );
          })}
        </svg>
      </div>
      <StatusLegend statuses={statuses} toneOf={toneOf} m={m} />
    </ChartFigure>
  );
}

/** A job's own status in words; a status DLI added later, as the list names it. */
function jobStatusName(status: string, m: AllMessages): string {
  return m.statuses[status] ?? m.statusText.unknown(status);
}

function TimelineTable({
  bars,
  dayName,
  timeText,
  hrefForJob,
  m,
}: {
  bars: readonly TimelineBar[];
  dayName: string;
  timeText: (ms: number) => string;
  hrefForJob: (jobId: string) => string;
  m: AllMessages;
}) {
  const t = m.charts.timeline;
  return (
    <table>
      <caption>{t.tableCaption(dayName)}</caption>
      <thead>
        <tr>
          <th scope="col">{t.job}</th>
          <th scope="col">{t.status}</th>
          <th scope="col">{t.started}</th>
          <th scope="col">{t.ended}</th>
          <th scope="col" className="num">
            {t.duration}
          </th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr key={bar.job.jobId}>
            <th scope="row" className="chart-job-id">
              <AppLink to={hrefForJob(bar.job.jobId)}>{bar.job.jobId}</AppLink>
            </th>
            <td>{jobStatusName(bar.job.status, m)}</td>
            <td>{timeText(bar.start)}</td>
            <td>{bar.active ? t.notEnded : timeText(bar.end)}</td>
            <td className="num">{formatDuration((bar.end - bar.start) / 1000, m.units)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
