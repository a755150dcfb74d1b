import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useParams, useSearchParams } from "react-router-dom";
import { AppLink } from "../components/app-link";
import { ID_PATTERN } from "../contract/ids";
import { parseJobsSearch } from "../contract/list-url";
import { ViewSwitch } from "../features/jobs/components/view-switch";
import { JobsList } from "../features/jobs/jobs-list";
import { ProjectNotifyButton } from "../features/jobs/lazy-parts";
import { rememberProject } from "../features/projects/recent-projects";
import { appConfigQuery } from "../lib/app-config";
import { useMessages } from "../lib/i18n/messages";

export function JobsPage() {
  const { projectId = "" } = useParams();
  const valid = ID_PATTERN.test(projectId);
  const config = useQuery(appConfigQuery());
  const projectName = config.data?.projects.find((p) => p.id === projectId)?.name;
  const m = useMessages();
  const [params] = useSearchParams();

  useEffect(() => {
    if (valid) rememberProject(projectId);
  }, [projectId, valid]);

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
      <h1 id="jobs-heading" className="project-heading">
        {projectName ?? m.pages.project} <span className="mono project-id">{projectId}</span>
      </h1>
      <div className="page-tools">
        <ViewSwitch projectId={projectId} current="jobs" shared={parseJobsSearch(params)} />
        <ProjectNotifyButton.Component projectId={projectId} name={projectName ?? projectId} />
      </div>
      <JobsList key={projectId} projectId={projectId} projectName={projectName} />
    </>
  );
}
