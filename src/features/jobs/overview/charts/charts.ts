// The overview's three charts, as one module: the overview imports this one file (on demand),
// so the charts, d3 and charts.css arrive together in one chunk.
export { DayTimeline } from "./day-timeline";
export { DurationChart } from "./duration-chart";
export { type BucketLink, type ChartJob, StartsChart } from "./starts-chart";
