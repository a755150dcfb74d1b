import { greatest } from "d3-array";
import { scaleBand, scaleLinear, scaleTime, scaleUtc } from "d3-scale";
import { useId, useMemo } from "react";
import { AppLink } from "../../../../components/app-link";
import type { TimeZoneMode } from "../../../../contract/time-window";
import { formatNumber } from "../../../../lib/format";
import { useViewMessages } from "../../../../lib/i18n/view-messages";
import { usePreferences } from "../../../../lib/preferences";
import {
  type BucketUnit,
  bucketStarts,
  CHART_STATUS_ORDER,
  type ChartJob,
  type ChartStatus,
  type StartBucket,
} from "./chart-data";
import { bucketText, clockText, dayClockText, dayText } from "./chart-format";
import { ChartFigure, StatusLegend, statusName, type ToneOf, toneClass } from "./chart-parts";
import { useChartWidth } from "./use-chart-width";
import "./charts.css";

export type { ChartJob } from "./chart-data";

/** The jobs a link opens: those started from `start` up to, not including, `end`. */
export type BucketLink = { start: number; end: number; status?: string };

const PLOT_HEIGHT = 170;
/** Below the bars: a line of day names, or of hours with the day named under midnight. */
const AXIS_HEIGHT = { day: 26, hour: 40 } as const;
const MARGIN = { top: 10, right: 8, left: 40 };
/** Room one x label needs (a day name or a clock time at 11 px), so labels never collide. */
const LABEL_PX = { day: 52, hour: 40 } as const;

/**
 * Jobs started per day (per hour for a 24 h range), stacked by status. Every part of a bar is
 * a link to the list of those jobs, every day label a link to that day's jobs; the table has a
 * link for every day, labelled or not.
 */
export function StartsChart({
  jobs,
  window,
  bucket,
  timeZone: zoneProp,
  hrefFor,
  toneOf,
}: {
  jobs: readonly ChartJob[];
  window: { start: number; end: number };
  bucket: BucketUnit;
  timeZone?: TimeZoneMode;
  hrefFor: (bucket: BucketLink) => string;
  /** The status rules' statusTone(); the copy in chart-data.ts otherwise. */
  toneOf?: ToneOf;
}) {
  const m = useViewMessages();
  const preferredZone = usePreferences().timeZone;
  const zone = zoneProp ?? preferredZone;
  const id = useId();
  const [plotRef, width] = useChartWidth<HTMLDivElement>();
  // By value: a parent may pass a new `window` object on each render.
  const { start: windowStart, end: windowEnd } = window;
  const data = useMemo(
    () => bucketStarts(jobs, { start: windowStart, end: windowEnd }, bucket, zone),
    [jobs, windowStart, windowEnd, bucket, zone],
  );
  const { buckets, totals, total } = data;
  const statuses = CHART_STATUS_ORDER.filter((status) => totals[status] > 0);

  const x = scaleBand<number>()
    .domain(buckets.map((_, i) => i))
    .range([MARGIN.left, Math.max(MARGIN.left + 1, width - MARGIN.right)])
    .paddingInner(buckets.length > 60 ? 0.1 : 0.2)
    .paddingOuter(0.1);
  const baseY = MARGIN.top + PLOT_HEIGHT;
  const y = scaleLinear()
    .domain([0, Math.max(1, ...buckets.map((b) => b.total))])
    .nice()
    .range([baseY, MARGIN.top]);
  const yTicks = y.ticks(4).filter(Number.isInteger);
  const labelled = labelledBuckets(buckets, bucket, zone, x, width);

  const when = (b: StartBucket) => bucketText(b, bucket, zone, m);
  // The span in the summary: "22 Nov to 28 Nov", or to the minute for hours.
  const spanEdge = (ms: number) =>
    bucket === "day" ? dayText(ms, zone, m) : dayClockText(ms, zone, m);
  const busiest = greatest(buckets, (b) => b.total);
  const summary =
    total === 0 || !busiest
      ? m.charts.starts.none
      : m.charts.starts.summary(
          formatNumber(total),
          total,
          spanEdge((buckets[0] as StartBucket).start),
          spanEdge((buckets[buckets.length - 1] as StartBucket).end - (bucket === "day" ? 1 : 0)),
          when(busiest),
          formatNumber(busiest.total),
          statuses
            .map((s) => m.charts.statusCount(formatNumber(totals[s]), totals[s], statusName(s, m)))
            .join(m.units.listJoin),
        );

  return (
    <ChartFigure
      title={bucket === "hour" ? m.charts.starts.titleHour : m.charts.starts.titleDay}
      titleId={`${id}-title`}
      summaryId={`${id}-summary`}
      summary={summary}
      m={m}
      table={
        <StartsTable data={data} statuses={statuses} when={when} unit={bucket} hrefFor={hrefFor} />
      }
    >
      <div className="chart-plot" ref={plotRef}>
        {/* biome-ignore lint/a11y/useSemanticElements: a drawing holding links (role=img would hide them); no fieldset in SVG */}
        <svg
          viewBox={`0 0 ${width} ${baseY + AXIS_HEIGHT[bucket]}`}
          width="100%"
          role="group"
          aria-labelledby={`${id}-title ${id}-summary`}
        >
          {/* Gridlines, counts and the baseline: the summary and the table say it in words. */}
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG group, never focusable */}
          <g className="chart-grid" aria-hidden="true">
            {yTicks.map((tick) => (
              <g key={tick} transform={`translate(0,${y(tick)})`}>
                <line x1={MARGIN.left} x2={width - MARGIN.right} />
                <text x={MARGIN.left - 6} dy="0.32em" textAnchor="end">
                  {formatNumber(tick)}
                </text>
              </g>
            ))}
            <line
              className="chart-baseline"
              x1={MARGIN.left}
              x2={width - MARGIN.right}
              y1={baseY}
              y2={baseY}
            />
          </g>
          {buckets.map((b, i) => (
            <StackedBar
              key={b.start}
              bucket={b}
              x={x(i) ?? 0}
              width={x.bandwidth()}
              y={y}
              label={(status, count) =>
                m.charts.starts.barLabel(formatNumber(count), count, statusName(status, m), when(b))
              }
              hrefFor={hrefFor}
              toneOf={toneOf}
            />
          ))}
          <g className="chart-axis">
            {labelled.map(({ index, dayChange }) => {
              const b = buckets[index] as StartBucket;
              const cx = (x(index) ?? 0) + x.bandwidth() / 2;
              const main = bucket === "day" ? dayText(b.start, zone, m) : clockText(b.start, zone);
              return (
                <AppLink
                  key={b.start}
                  to={hrefFor({ start: b.start, end: b.end })}
                  className="chart-link"
                  aria-label={m.charts.starts.bucketLabel(formatNumber(b.total), b.total, when(b))}
                >
                  <rect
                    className="chart-hit"
                    x={cx - LABEL_PX[bucket] / 2}
                    y={baseY + 2}
                    width={LABEL_PX[bucket]}
                    height={AXIS_HEIGHT[bucket] - 4}
                  />
                  <text x={cx} y={baseY + 16} textAnchor="middle">
                    {main}
                    {dayChange && (
                      <tspan x={cx} dy="1.25em" className="chart-axis-day">
                        {dayText(b.start, zone, m)}
                      </tspan>
                    )}
                  </text>
                </AppLink>
              );
            })}
          </g>
        </svg>
      </div>
      <StatusLegend statuses={statuses} toneOf={toneOf} m={m} />
    </ChartFigure>
  );
}

function StackedBar({
  bucket,
  x,
  width,
  y,
  label,
  hrefFor,
  toneOf,
}: {
  bucket: StartBucket;
  x: number;
  width: number;
  y: (n: number) => number;
  label: (status: ChartStatus, count: number) => string;
  hrefFor: (bucket: BucketLink) => string;
  toneOf: ToneOf | undefined;
}) {
  let below = 0;
  return (
    <g>
      {CHART_STATUS_ORDER.map((status) => {
        const count = bucket.counts[status];
        if (count === 0) return null;
        const top = y(below + count);
        const rect = (
          <rect
            className={`chart-bar ${toneClass(status, toneOf)}`}
            x={x}
            y={top}
            width={width}
            height={Math.max(0, y(below) - top)}
          />
        );
        below += count;
        const text = label(status, count);
        // A status the list cannot filter by has no list of its own: the day's link covers it.
        if (status === "other")
          return (
            <g key={status}>
              <title>{text}</title>
              {rect}
            </g>
          );
        return (
          <AppLink
            key={status}
            to={hrefFor({ start: bucket.start, end: bucket.end, status })}
            className="chart-link"
            aria-label={text}
          >
            <title>{text}</title>
            {rect}
          </AppLink>
        );
      })}
    </g>
  );
}

/**
 * Which buckets get a label under the axis: those on the time scale's own ticks (midnights,
 * Mondays, the first of a month; whole hours every 3 or 6), as many as fit. An hour chart also
 * names the day under the first hour and under each midnight.
 */
function labelledBuckets(
  buckets: readonly StartBucket[],
  unit: BucketUnit,
  zone: TimeZoneMode,
  x: (i: number) => number | undefined,
  width: number,
): { index: number; dayChange: boolean }[] {
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last) return [];
  const room = LABEL_PX[unit] + 6;
  const fit = Math.max(1, Math.floor((width - MARGIN.left - MARGIN.right) / room));
  const time = (zone === "utc" ? scaleUtc() : scaleTime()).domain([first.start, last.end]);
  const tickTimes = new Set(time.ticks(fit).map((tick) => tick.getTime()));
  const indexByStart = new Map(buckets.map((b, i) => [b.start, i]));
  const chosen: { index: number; dayChange: boolean }[] = [];
  let lastX = Number.NEGATIVE_INFINITY;
  for (const tick of tickTimes) {
    const index = indexByStart.get(tick);
    if (index === undefined) continue;
    const cx = x(index) ?? 0;
    if (cx - lastX < room) continue;
    lastX = cx;
    const b = buckets[index] as StartBucket;
    chosen.push({
      index,
      dayChange: unit === "hour" && (chosen.length === 0 || clockText(b.start, zone) === "00:00"),
    });
  }
  return chosen;
}

function StartsTable({
  data,
  statuses,
  when,
  unit,
  hrefFor,
}: {
  data: ReturnType<typeof bucketStarts>;
  statuses: readonly ChartStatus[];
  when: (b: StartBucket) => string;
  unit: BucketUnit;
  hrefFor: (bucket: BucketLink) => string;
}) {
  const m = useViewMessages();
  return (
    <table>
      <caption>{unit === "hour" ? m.charts.starts.titleHour : m.charts.starts.titleDay}</caption>
      <thead>
        <tr>
          <th scope="col">{unit === "hour" ? m.charts.hour : m.charts.dayHeading}</th>
          {statuses.map((status) => (
            <th key={status} scope="col" className="num">
              {statusName(status, m)}
            </th>
          ))}
          <th scope="col" className="num">
            {m.charts.total}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.buckets.map((b) => (
          <tr key={b.start}>
            <th scope="row">
              {b.total > 0 ? (
                <AppLink to={hrefFor({ start: b.start, end: b.end })}>{when(b)}</AppLink>
              ) : (
                when(b)
              )}
            </th>
            {statuses.map((status) => (
              <td key={status} className="num">
                {formatNumber(b.counts[status])}
              </td>
            ))}
            <td className="num">{formatNumber(b.total)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{m.charts.total}</th>
          {statuses.map((status) => (
            <td key={status} className="num">
              {formatNumber(data.totals[status])}
            </td>
          ))}
          <td className="num">{formatNumber(data.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
