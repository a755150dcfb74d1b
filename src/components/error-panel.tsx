import { ApiError } from "../lib/http";
import { en, type Messages } from "../lib/i18n/en";
import { useMessages } from "../lib/i18n/messages";

type Explained = { title: string; body: string; detail?: string | undefined };

/** Names the cause in the lab's words, with what to do about it. */
export function explainError(error: unknown, m: Messages = en): Explained {
  const e = m.errors;
  if (!(error instanceof ApiError)) {
    return { title: e.generic, body: error instanceof Error ? error.message : String(error) };
  }
  if (error.code === "DASHBOARD.CANCEL_DISABLED") {
    return { title: e.cancelDisabledTitle, body: error.message };
  }
  if (error.code === "DASHBOARD.PROJECT_NOT_ALLOWED") {
    return { title: e.projectNotAllowedTitle, body: error.message };
  }
  // The server logs in to IAM for DLI tokens (HUAWEICLOUD_IAM_*); its message says what to check.
  if (error.code === "DASHBOARD.IAM_REFUSED") {
    return { title: e.iamRefusedTitle, body: error.message };
  }
  if (error.code === "DASHBOARD.IAM_UNREACHABLE") {
    return { title: e.iamUnreachableTitle, body: error.message };
  }
  const status = error.status ? `HTTP ${error.status}` : undefined;
  const codeAndStatus = [error.code, status].filter(Boolean).join(", ");
  switch (error.kind) {
    case "auth":
      return { title: e.authTitle, body: e.authBody(codeAndStatus), detail: error.detail };
    case "throttled":
      return {
        title: e.throttledTitle,
        body: e.throttledBody(codeAndStatus),
        detail: error.detail,
      };
    case "unreachable":
      return error.status
        ? { title: e.unreachableTitle, body: e.unreachableBody, detail: error.detail }
        : { title: e.serverUnreachableTitle, body: e.noServer };
    case "invalid-response":
      return {
        title: e.invalidTitle,
        body: e.invalidBody(
          error.reason === "not-json"
            ? e.notJson
            : error.reason === "bad-shape"
              ? e.badShape
              : error.message,
        ),
        detail: error.detail,
      };
    case "server":
    case "client":
      return error.code
        ? { title: e.dliTitle(error.code), body: error.detail ?? error.message, detail: status }
        : {
            title:
              error.kind === "server" ? e.serverTitle(status ?? "") : e.rejectedTitle(status ?? ""),
            body: error.message,
          };
  }
}

export function ErrorPanel({
  error,
  onRetry,
  retrying = false,
}: {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const m = useMessages();
  const { title, body, detail } = explainError(error, m);
  return (
    <div className="error-panel" role="alert">
      <h2 className="error-title">
        <span aria-hidden="true">⚠ </span>
        {title}
      </h2>
      <p>{body}</p>
      {detail && <pre className="error-detail">{detail}</pre>}
      {onRetry && (
        <button type="button" onClick={onRetry} disabled={retrying}>
          {retrying ? m.errors.retryingButton : m.errors.retry}
        </button>
      )}
    </div>
  );
}
