import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useParams } from "react-router-dom";
import { JobsList } from "../features/jobs/jobs-list";
import { rememberProject } from "../features/projects/recent-projects";
import { appConfigQuery } from "../lib/app-config";
import { ID_PATTERN } from "../lib/ids";

export function JobsPage() {
  const { projectId = "" } = useParams();
  const valid = ID_PATTERN.test(projectId);
  const config = useQuery(appConfigQuery());
  const projectName = config.data?.projects.find((p) => p.id === projectId)?.name;

  useEffect(() => {
    if (valid) rememberProject(projectId);
  }, [projectId, valid]);

  if (!valid) {
    return (
      <section className="page-message" role="alert">
        <h1>Not a project ID</h1>
        <p>
          “<span className="mono">{projectId}</span>” cannot be a DLI project ID: those are letters,
          digits, dashes and underscores.
        </p>
        <Link to="/">Choose a project</Link>
      </section>
    );
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> <span aria-hidden="true">/</span>
      </nav>
      <h1 id="jobs-heading" className="project-heading">
        {projectName ?? "Project"} <span className="mono project-id">{projectId}</span>
      </h1>
      <JobsList key={projectId} projectId={projectId} projectName={projectName} />
    </>
  );
}
