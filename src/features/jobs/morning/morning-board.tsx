import "./morning.css";
import { type ReactNode, useId, useMemo } from "react";
import { AppLink } from "../../../components/app-link";
import { explainError } from "../../../components/error-panel";
import type { JobType } from "../../../contract/list-url";
import type { AppConfig } from "../../../lib/app-config";
import { formatDateTime, formatNumber, formatUtcOffset } from "../../../lib/format";
import { type AllMessages, useViewMessages } from "../../../lib/i18n/view-messages";
import { usePreferences } from "../../../lib/preferences";
import { listHref } from "../overview/overview-search";
import { ProjectNotifyButton } from "../watch/notify-button";
import { type PipelineMorning, summarizeMorning } from "./morning-model";
import type { SinceChoice } from "./morning-visit";
import { isoInstant } from "./morning-window";
import { type PipelineWindow, type ProjectWindows, useMorning } from "./use-morning";
import { useSince } from "./use-since";

type Project = AppConfig["projects"][number];

const ACTIVE_STATUSES = ["LAUNCHING", "RUNNING", "CANCELING"];

/** A moment as the page writes it: `2026/11/24 18:00 GMT+08:00`. */
function momentText(ms: number): string {
  return `${formatDateTime(ms).slice(0, -3)} ${formatUtcOffset(ms)}`;
}

function overviewHref(projectId: string, jobType: JobType): string {
  const type = jobType === "DNA_SOMATIC" ? "" : `?type=${jobType}`;
  return `/projects/${encodeURIComponent(projectId)}/overview${type}`;
}

/**
 * The morning page's projects: for each, both pipelines since the chosen moment, every number a
 * link to the jobs it counts. The data step is useMorning's; this only draws.
 */
export function MorningBoard({ projects, demo }: { projects: Project[]; demo: boolean }) {
  const m = useViewMessages();
  const { timeZone } = usePreferences();
  const since = useSince(timeZone);
  const ids = useMemo(() => projects.map((p) => p.id), [projects]);
  const morning = useMorning(ids, since.sinceMs);
  const headingId = useId();
  const readAt = Math.max(
    0,
    ...morning.projects.flatMap((p) => p.pipelines.map((w) => w.query.dataUpdatedAt)),
  );

  return (
    <>
      <SinceChooser
        choice={since.choice}
        onChoose={since.choose}
        evening={since.evening}
        lastVisit={since.lastVisit}
        capped={since.capped ? since.sinceMs : null}
      />
      <div className="morning-tools">
        <button type="button" onClick={morning.refresh} disabled={morning.refreshing}>
          {m.morning.refresh}
        </button>
        {readAt > 0 && (
          <span className="muted small">
            {m.morning.readAt(momentText(readAt))}{" "}
            {morning.polling ? m.morning.live : m.morning.quiet}
          </span>
        )}
      </div>
      <section aria-labelledby={headingId} className="picker-section">
        <h2 id={headingId}>{demo ? m.picker.demoProjects : m.picker.configuredProjects}</h2>
        {projects.length === 0 ? (
          <p className="notice" role="note">
            {m.morning.noProjects}
          </p>
        ) : (
          <ul className="morning-cards">
            {projects.map((project, i) => (
              <ProjectCard
                key={project.id}
                project={project}
                windows={morning.projects[i] as ProjectWindows}
                sinceMs={since.sinceMs}
                windowFrom={morning.fromMs}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function SinceChooser({
  choice,
  onChoose,
  evening,
  lastVisit,
  capped,
}: {
  choice: SinceChoice;
  onChoose: (choice: SinceChoice) => void;
  evening: number;
  lastVisit: number | null;
  capped: number | null;
}) {
  const m = useViewMessages().morning;
  const name = useId();
  const options: { value: SinceChoice; text: string }[] = [
    { value: "evening", text: m.moment(m.sinceEvening, momentText(evening)) },
    {
      value: "last-visit",
      text:
        lastVisit === null
          ? m.moment(m.sinceLastVisit, m.firstVisit)
          : m.moment(
              m.sinceLastVisit,
              capped === null ? momentText(lastVisit) : `${momentText(capped)}, ${m.sinceCapped}`,
            ),
    },
  ];
  return (
    <fieldset className="morning-since">
      <legend>{m.sinceLegend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={choice === option.value}
            onChange={() => onChoose(option.value)}
          />{" "}
          {option.text}
        </label>
      ))}
    </fieldset>
  );
}

function ProjectCard({
  project,
  windows,
  sinceMs,
  windowFrom,
}: {
  project: Project;
  windows: ProjectWindows;
  sinceMs: number;
  windowFrom: number;
}) {
  const headingId = useId();
  const name = project.name ?? project.id;
  const failedAll = windows.pipelines.every((w) => w.query.isError && !w.query.data);
  return (
    <li>
      <article className="morning-card" aria-labelledby={headingId}>
        <header className="morning-card-head">
          <h3 id={headingId}>
            <AppLink
              to={`/projects/${encodeURIComponent(project.id)}/jobs`}
              className="morning-project-link"
            >
              {name}
            </AppLink>
          </h3>
          <ProjectNotifyButton projectId={project.id} name={name} />
        </header>
        {project.name && <p className="mono muted small morning-id">{project.id}</p>}
        {project.description && <p className="muted small">{project.description}</p>}
        {failedAll ? (
          <CardError
            error={windows.pipelines[0]?.query.error}
            onRetry={windows.retry}
            retrying={windows.pipelines.some((w) => w.query.isFetching)}
          />
        ) : (
          windows.pipelines.map((pipeline) => (
            <PipelineLine
              key={pipeline.jobType}
              projectId={project.id}
              projectName={name}
              pipeline={pipeline}
              sinceMs={sinceMs}
              windowFrom={windowFrom}
              onRetry={windows.retry}
            />
          ))
        )}
      </article>
    </li>
  );
}

/** One project's (or pipeline's) read failed: why, in the lab's words, and Retry. */
function CardError({
  error,
  onRetry,
  retrying,
}: {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const m = useViewMessages();
  const { title, body } = explainError(error, m);
  return (
    <div className="morning-error" role="alert">
      <p>
        <strong>
          <span aria-hidden="true">⚠ </span>
          {m.morning.unreadable}: {title}
        </strong>
      </p>
      <p className="small">{body}</p>
      <button type="button" onClick={onRetry} disabled={retrying}>
        {retrying ? m.errors.retryingButton : m.errors.retry}
      </button>
    </div>
  );
}

function PipelineLine({
  projectId,
  projectName,
  pipeline,
  sinceMs,
  windowFrom,
  onRetry,
}: {
  projectId: string;
  projectName: string;
  pipeline: PipelineWindow;
  sinceMs: number;
  windowFrom: number;
  onRetry: () => void;
}) {
  const m = useViewMessages();
  const headingId = useId();
  const { query, jobType } = pipeline;
  const pipelineName = m.drawer.pipelines[jobType] ?? jobType;
  const summary = useMemo(
    () =>
      query.data ? summarizeMorning(query.data.rows, jobType, sinceMs, query.dataUpdatedAt) : null,
    [query.data, jobType, sinceMs, query.dataUpdatedAt],
  );
  return (
    <section className="morning-pipeline" aria-labelledby={headingId}>
      <h4 id={headingId}>{pipelineName}</h4>
      {summary ? (
        <Figures
          summary={summary}
          projectId={projectId}
          jobType={jobType}
          context={m.morning.figureContext(pipelineName, projectName)}
          windowFrom={windowFrom}
          m={m}
        />
      ) : query.isError ? (
        <CardError error={query.error} onRetry={onRetry} retrying={query.isFetching} />
      ) : (
        <p className="muted small" aria-busy="true">
          {m.morning.reading}
        </p>
      )}
    </section>
  );
}

function Figure({
  count,
  word,
  tone,
  to,
  context,
}: {
  count: number;
  word: string;
  tone: string;
  to: string;
  context: string;
}) {
  const content: ReactNode = (
    <>
      <span className="count">{formatNumber(count)}</span> <span className="label">{word}</span>
    </>
  );
  return (
    <li className={`morning-figure tone-${tone}${count === 0 ? " is-zero" : ""}`}>
      {/* A zero opens nothing: there is nothing behind it. */}
      {count === 0 ? (
        <span>{content}</span>
      ) : (
        // Named with its pipeline and project: a list of links read out of context says which.
        <AppLink to={to} aria-label={`${formatNumber(count)} ${word}${context}`}>
          {content}
        </AppLink>
      )}
    </li>
  );
}

function Figures({
  summary,
  projectId,
  jobType,
  context,
  windowFrom,
  m,
}: {
  summary: PipelineMorning;
  projectId: string;
  jobType: JobType;
  context: string;
  windowFrom: number;
  m: AllMessages;
}) {
  const list = (status: string[], from: number, cause?: string) =>
    listHref(
      projectId,
      { type: jobType },
      { status, from: isoInstant(from), ...(cause ? { cause } : {}) },
    );
  const pipelineName = m.drawer.pipelines[jobType] ?? jobType;
  return (
    <>
      <ul className="morning-figures">
        <Figure
          count={summary.active}
          word={m.morning.running}
          tone="active"
          to={list(ACTIVE_STATUSES, windowFrom)}
          context={context}
        />
        <Figure
          count={summary.failed}
          word={m.morning.failed}
          tone="bad"
          to={list(["FAILED"], summary.failedFrom)}
          context={context}
        />
        <Figure
          count={summary.cancelled}
          word={m.morning.cancelled}
          tone="muted"
          to={list(["CANCELLED"], summary.cancelledFrom)}
          context={context}
        />
        <Figure
          count={summary.attention}
          word={m.morning.attention}
          tone="waiting"
          to={overviewHref(projectId, jobType)}
          context={context}
        />
      </ul>
      {summary.causes.length > 0 && (
        <div className="morning-causes">
          <span className="muted small">{m.morning.causes}</span>
          <ul>
            {summary.causes.map((cause) => (
              <li key={cause.key}>
                <AppLink
                  to={list(["FAILED"], summary.failedFrom, cause.key)}
                  aria-label={`${cause.title}${m.morning.causeContext(formatNumber(cause.count), pipelineName)}`}
                >
                  {cause.title}
                </AppLink>{" "}
                <span className="muted small" aria-hidden="true">
                  {m.morning.causeCount(formatNumber(cause.count))}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
