import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import { AppLink } from "../components/app-link";
import { ID_PATTERN } from "../contract/ids";
import { UnusedParamsNotice } from "../features/jobs/components/unused-params-notice";
import { ViewSwitch } from "../features/jobs/components/view-switch";
import { Overview } from "../features/jobs/overview/overview";
import { OverviewControls } from "../features/jobs/overview/overview-controls";
import {
  findUnusedOverviewParams,
  isOverviewCanonical,
  parseOverviewSearch,
  serializeOverviewSearch,
} from "../features/jobs/overview/overview-search";
import type { UnusedParam } from "../features/jobs/url/unused-params";
import { ProjectNotifyButton } from "../features/jobs/watch/notify-button";
import { rememberProject } from "../features/projects/recent-projects";
import { appConfigQuery } from "../lib/app-config";
import { useViewMessages } from "../lib/i18n/view-messages";

/** `/projects/:projectId/overview`: loaded on demand, like every view but the list. */
export function OverviewPage() {
  const { projectId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const valid = ID_PATTERN.test(projectId);
  const config = useQuery(appConfigQuery());
  const projectName = config.data?.projects.find((p) => p.id === projectId)?.name;
  const m = useViewMessages();
  const search = parseOverviewSearch(params);
  // A hand-edited address is rewritten to its one spelling (replace: Back still leads where
  // the viewer came from), and what it asked for that could not be used is said.
  const [unused, setUnused] = useState<UnusedParam[]>([]);
  useEffect(() => {
    if (isOverviewCanonical(params)) return;
    setUnused(findUnusedOverviewParams(params));
    setParams(serializeOverviewSearch(parseOverviewSearch(params)), { replace: true });
  }, [params, setParams]);

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
      {unused.length > 0 && (
        <UnusedParamsNotice unused={unused} onDismiss={() => setUnused([])} page="overview" />
      )}
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
