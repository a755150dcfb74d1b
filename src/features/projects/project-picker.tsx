import { type FormEvent, useId, useState } from "react";
import { useNavigate } from "react-router-dom";
import { AppLink } from "../../components/app-link";
import { ID_PATTERN } from "../../contract/ids";
import { useViewMessages as useMessages } from "../../lib/i18n/view-messages";
import { forgetProject, readRecentProjects } from "./recent-projects";

export function jobsPath(projectId: string): string {
  return `/projects/${encodeURIComponent(projectId)}/jobs`;
}

/**
 * Projects opened lately in this browser, newest first, each with Forget; nothing when there are
 * none. `names` gives the configured projects' names.
 */
export function RecentProjects({ names }: { names: ReadonlyMap<string, string | null> }) {
  const [recent, setRecent] = useState(readRecentProjects);
  const m = useMessages();
  if (recent.length === 0) return null;
  return (
    <section aria-labelledby="recent-heading" className="picker-section">
      <h2 id="recent-heading">{m.picker.recent}</h2>
      <ul className="recent-list">
        {recent.map((item) => (
          <li key={item.id}>
            <AppLink to={jobsPath(item.id)}>
              {names.get(item.id) ?? <span className="mono">{item.id}</span>}
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
  );
}

/** "Open another project": a project by its id, checked before leaving the page. */
export function OpenProjectForm() {
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
