import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { explainError } from "../../../components/error-panel";
import { useModalDialog } from "../../../components/use-modal-dialog";
import {
  ARGUMENT_FIELDS,
  applyEdits,
  HOURS_FIELD,
  MAX_EXPECT_HOURS,
  OPTION_FIELDS,
  OUTPUT_PATH,
  PATH_FIELDS,
  type RelaunchEdits,
} from "../../../contract/relaunch";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import { jobKeys } from "../api/job-queries";
import type { Job } from "../api/job-schemas";
import { DiffTable } from "./diff-table";
import type { RelationsControl } from "./job-relations";
import { relaunchJob } from "./relaunch-api";
import { diffRequests } from "./request-diff";

type Body = Record<string, unknown>;

function bodyOf(job: Job): Body {
  const value = job.request.kind === "json" ? job.request.value : null;
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Body) : {};
}

function linesOf(value: unknown): string {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string").join("\n") : "";
}

function toLines(text: string): string[] | null {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length > 0 ? lines : null;
}

/** The fields a job's request has (or its type uses), as the form shows them. */
function formFields(body: Body) {
  const has = (key: string) => Object.hasOwn(body, key);
  return {
    args: ARGUMENT_FIELDS.filter((key) => has(key)),
    options: OPTION_FIELDS.filter((key) => has(key)),
    paths: PATH_FIELDS.filter((key) => has(key) && (key === "output" || body[key] != null)),
  };
}

type Draft = Record<string, string | boolean>;

function initialDraft(body: Body): Draft {
  const draft: Draft = {};
  const { args, options, paths } = formFields(body);
  for (const key of args) draft[key] = linesOf(body[key]);
  for (const key of options) draft[key] = body[key] === true;
  for (const key of paths) draft[key] = typeof body[key] === "string" ? (body[key] as string) : "";
  draft[HOURS_FIELD] = body[HOURS_FIELD] == null ? "" : String(body[HOURS_FIELD]);
  return draft;
}

/** Only what the user changed goes to the server. */
function editsOf(body: Body, draft: Draft): { edits: RelaunchEdits; problems: string[] } {
  const edits: Record<string, unknown> = {};
  const problems: string[] = [];
  const initial = initialDraft(body);
  for (const [key, value] of Object.entries(draft)) {
    if (value === initial[key]) continue;
    if ((ARGUMENT_FIELDS as readonly string[]).includes(key)) edits[key] = toLines(String(value));
    else if ((OPTION_FIELDS as readonly string[]).includes(key)) edits[key] = value === true;
    else if (key === HOURS_FIELD) {
      const hours = String(value).trim() === "" ? null : Number(value);
      if (hours !== null && !(Number.isInteger(hours) && hours >= 1 && hours <= MAX_EXPECT_HOURS))
        problems.push("hours");
      edits[key] = hours;
    } else {
      const path = String(value).trim();
      if (path && !OUTPUT_PATH.test(path)) problems.push("output");
      edits[key] = path || null;
    }
  }
  return { edits: edits as RelaunchEdits, problems };
}

/**
 * The request's editable fields, with the changes shown as they are made. Confirming sends the
 * job id and the changes only; DLI's refusal is shown here, with its code.
 */
export function RelaunchDialog({
  job,
  jobType: _jobType,
  control,
  onClose,
}: {
  job: Job;
  jobType: string;
  control: RelationsControl;
  onClose: () => void;
}) {
  const m = useViewMessages();
  const r = m.relaunch;
  const titleId = useId();
  const baseId = useId();
  const ref = useModalDialog(onClose);
  const body = useMemo(() => bodyOf(job), [job]);
  const fields = useMemo(() => formFields(body), [body]);
  const [draft, setDraft] = useState<Draft>(() => initialDraft(body));
  const { edits, problems } = editsOf(body, draft);
  // The masked request with the edits: what the server will submit, keys aside.
  const changes = diffRequests(body, applyEdits(body, edits));
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: () => relaunchJob(control.projectId, job, edits),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: jobKeys.project(control.projectId) }),
  });
  const set = (key: string, value: string | boolean) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const refusal = submit.error;

  return (
    <dialog
      ref={ref}
      className="relaunch-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{r.title(job.jobId)}</h2>
      <p className="muted small">{r.lead}</p>
      {submit.isSuccess ? (
        <div role="status" className="relaunch-done">
          <p>{r.submitted(submit.data.job_id)}</p>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {r.cancel}
            </button>
            <button
              type="button"
              onClick={() => {
                onClose();
                control.onOpenNewJob(submit.data.job_id);
              }}
            >
              {r.openNew}
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (problems.length === 0 && !submit.isPending) submit.mutate();
          }}
        >
          <div className="relaunch-columns">
            <div className="relaunch-fields">
              {fields.args.length > 0 && (
                <fieldset>
                  <legend>{r.arguments}</legend>
                  {fields.args.map((key) => (
                    <label key={key} className="relaunch-field">
                      <span className="mono">{key}</span>
                      <textarea
                        className="mono"
                        rows={3}
                        spellCheck={false}
                        value={String(draft[key] ?? "")}
                        onChange={(event) => set(key, event.target.value)}
                      />
                    </label>
                  ))}
                </fieldset>
              )}
              {fields.options.length > 0 && (
                <fieldset>
                  <legend>{r.options}</legend>
                  {fields.options.map((key) => (
                    <label key={key} className="relaunch-option">
                      <input
                        type="checkbox"
                        checked={draft[key] === true}
                        onChange={(event) => set(key, event.target.checked)}
                      />{" "}
                      <span className="mono">{key}</span>
                    </label>
                  ))}
                </fieldset>
              )}
              <fieldset>
                <legend>{r.output}</legend>
                {fields.paths.map((key) => (
                  <label key={key} className="relaunch-field">
                    <span className="mono">{key}</span>
                    <input
                      className="mono"
                      spellCheck={false}
                      value={String(draft[key] ?? "")}
                      onChange={(event) => set(key, event.target.value)}
                      aria-invalid={problems.includes("output") || undefined}
                    />
                  </label>
                ))}
                <label className="relaunch-field" htmlFor={`${baseId}-hours`}>
                  <span>{r.expectTime}</span>
                </label>
                <input
                  id={`${baseId}-hours`}
                  type="number"
                  min={1}
                  max={MAX_EXPECT_HOURS}
                  step={1}
                  value={String(draft[HOURS_FIELD] ?? "")}
                  onChange={(event) => set(HOURS_FIELD, event.target.value)}
                  aria-invalid={problems.includes("hours") || undefined}
                />
              </fieldset>
              {problems.includes("output") && (
                <p className="field-error" role="alert">
                  {r.badOutput}
                </p>
              )}
              {problems.includes("hours") && (
                <p className="field-error" role="alert">
                  {r.badHours(MAX_EXPECT_HOURS)}
                </p>
              )}
            </div>
            {/* Beside the fields on a wide screen, so each edit shows as it is typed. */}
            <div className="relaunch-preview" aria-live="polite">
              {changes.length === 0 ? (
                <p className="muted">{r.noChanges}</p>
              ) : (
                <DiffTable title={r.changes} changes={changes} />
              )}
            </div>
          </div>
          {refusal && <Refusal error={refusal} />}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {r.cancel}
            </button>
            <button type="submit" disabled={problems.length > 0 || submit.isPending}>
              {submit.isPending ? r.submitting : r.submit}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

function Refusal({ error }: { error: unknown }) {
  const m = useViewMessages();
  // The explanation names DLI's error code itself.
  const { title, body } = explainError(error, m);
  return (
    <div className="error-panel" role="alert">
      <p className="error-title">{m.relaunch.refused}</p>
      <p>
        {title}: {body}
      </p>
    </div>
  );
}
