import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useNavigate } from "react-router-dom";
import { AppLink } from "../../components/app-link";
import { ErrorPanel } from "../../components/error-panel";
import { ID_PATTERN } from "../../contract/ids";
import { appConfigQuery } from "../../lib/app-config";
import { useViewMessages as useMessages } from "../../lib/i18n/view-messages";
import { forgetProject, readRecentProjects } from "./recent-projects";

export function jobsPath(projectId: string): string {
  return `/projects/${encodeURIComponent(projectId)}/jobs`;
}

export function ProjectPicker() {
  const config = useQuery(appConfigQuery());
  const [recent, setRecent] = useState(readRecentProjects);
  const projects = config.data?.projects ?? [];
  const known = new Map(projects.map((p) => [p.id, p]));
  const m = useMessages();

  return (
    <section className="picker">
      <h1>{m.picker.heading}</h1>
      <p className="lead">{m.picker.lead}</p>

      {config.isPending && <p aria-busy="true">{m.picker.loading}</p>}
      {config.isError && <ErrorPanel error={config.error} onRetry={() => config.refetch()} />}
      {config.data && (
        <section aria-labelledby="configured-heading" className="picker-section">
          <h2 id="configured-heading">
            {config.data.mode === "demo" ? m.picker.demoProjects : m.picker.configuredProjects}
          </h2>
          {projects.length === 0 ? (
            <p className="muted">{m.picker.noneConfigured}</p>
          ) : (
            <ul className="project-list">
              {projects.map((project) => (
                <li key={project.id}>
                  <AppLink to={jobsPath(project.id)} className="project-card">
                    <span className="project-name">{project.name ?? project.id}</span>
                    {project.name && <span className="mono muted">{project.id}</span>}
                    {project.description && <span className="muted">{project.description}</span>}
                  </AppLink>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {recent.length > 0 && (
        <section aria-labelledby="recent-heading" className="picker-section">
          <h2 id="recent-heading">{m.picker.recent}</h2>
          <ul className="recent-list">
            {recent.map((item) => (
              <li key={item.id}>
                <AppLink to={jobsPath(item.id)}>
                  {known.get(item.id)?.name ?? <span className="mono">{item.id}</span>}
                </AppLink>
                <button
                  type="button"
                  className="link-button"
                  aria-label={m.picker.forgetLabel(item.id)}
                  onClick={() => {
                    forgetProject(item.id);
                    setRecent(readRecentProjects());
                  }}
                >
                  {m.picker.forget}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <OpenProjectForm />
    </section>
  );
}

function OpenProjectForm() {
  const navigate = useNavigate();
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const m = useMessages();

  function submit(event: FormEvent) {
    event.preventDefault();
    const id = value.trim();
    if (!ID_PATTERN.test(id)) {
      setError(m.picker.invalidId);
      return;
    }
    navigate(jobsPath(id));
  }

  return (
    <form className="picker-section open-form" onSubmit={submit} noValidate>
      <h2>{m.picker.openAnother}</h2>
      <label htmlFor={inputId}>{m.picker.projectId}</label>
      <div className="open-form-row">
        <input
          id={inputId}
          className="mono"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          placeholder={m.picker.placeholder}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="submit">{m.picker.open}</button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
