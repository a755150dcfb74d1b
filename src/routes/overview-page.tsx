import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import { AppLink } from "../components/app-link";
import { ID_PATTERN } from "../contract/ids";
import { ViewSwitch } from "../features/jobs/components/view-switch";
import { Overview } from "../features/jobs/overview/overview";
import { OverviewControls } from "../features/jobs/overview/overview-controls";
import { parseOverviewSearch } from "../features/jobs/overview/overview-search";
import { ProjectNotifyButton } from "../features/jobs/watch/notify-button";
import { rememberProject } from "../features/projects/recent-projects";
import { appConfigQuery } from "../lib/app-config";
import { useViewMessages } from "../lib/i18n/view-messages";

/** `/projects/:projectId/overview`: loaded on demand, like every view but the list. */
export function OverviewPage() {
  const { projectId = "" } = useParams();
  const [params] = useSearchParams();
  const valid = ID_PATTERN.test(projectId);
  const config = useQuery(appConfigQuery());
  const projectName = config.data?.projects.find((p) => p.id === projectId)?.name;
  const m = useViewMessages();
  const search = parseOverviewSearch(params);

  useEffect(() => {
    if (valid) rememberProject(projectId);
  }, [projectId, valid]);

  useEffect(() => {
    document.title = `${m.overview.heading} · ${projectName ?? projectId} · ${m.app.title}`;
  }, [m, projectName, projectId]);

  if (!valid) {
    return (
      <section className="page-message" role="alert">
        <h1>{m.pages.notProjectId}</h1>
        <p>{m.pages.notProjectIdBody(projectId)}</p>
        <AppLink to="/">{m.pages.chooseProject}</AppLink>
      </section>
    );
  }

  return (
    <>
      <nav aria-label={m.pages.breadcrumb} className="breadcrumb">
        <AppLink to="/">{m.pages.projects}</AppLink> <span aria-hidden="true">/</span>
      </nav>
      <h1 className="project-heading">
        {projectName ?? m.pages.project} <span className="mono project-id">{projectId}</span>
      </h1>
      <div className="page-tools">
        <ViewSwitch projectId={projectId} current="overview" shared={search} />
        <ProjectNotifyButton projectId={projectId} name={projectName ?? projectId} />
      </div>
      <OverviewControls search={search} />
      {/* The heading and controls stay off paper; this line says what the printout shows. */}
      <p className="print-only overview-print-title">
        {[
          `${m.overview.heading}: ${projectName ?? m.pages.project} (${projectId})`,
          m.title.types[search.type] ?? search.type,
          search.range
            ? m.title.ranges[search.range]
            : [search.from, search.to].filter(Boolean).join(" – "),
        ].join(" · ")}
      </p>
      <Overview key={`${projectId}`} projectId={projectId} search={search} />
    </>
  );
}
