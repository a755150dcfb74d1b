import { ApiError } from "../lib/http";

type Explained = { title: string; body: string; detail?: string | undefined };

/** Names the cause in the lab's words, with what to do about it. */
export function explainError(error: unknown): Explained {
  if (!(error instanceof ApiError)) {
    return {
      title: "Something went wrong",
      body: error instanceof Error ? error.message : String(error),
    };
  }
  if (error.code === "DASHBOARD.CANCEL_DISABLED") {
    return { title: "Cancelling is turned off", body: error.message };
  }
  const status = error.status ? `HTTP ${error.status}` : undefined;
  const codeAndStatus = [error.code, status].filter(Boolean).join(", ");
  switch (error.kind) {
    case "auth":
      return {
        title: "Credentials rejected",
        body: `DLI refused the dashboard's credentials (${codeAndStatus}). The IAM token may have expired or the AK/SK may be wrong: whoever runs the dashboard server needs to renew DLI_AUTH_TOKEN or check HUAWEICLOUD_SDK_AK/SK.`,
        detail: error.detail,
      };
    case "throttled":
      return {
        title: "Too many requests",
        body: `DLI is throttling requests (${codeAndStatus}). The dashboard retried and gave up for now; try again in a minute.`,
        detail: error.detail,
      };
    case "unreachable":
      return error.status
        ? {
            title: "DLI is unreachable",
            body: "The dashboard server could not get an answer from DLI. It retried a few times; DLI or the network to it may be down, or DLI_ENDPOINT may be wrong.",
            detail: error.detail,
          }
        : { title: "Dashboard server unreachable", body: error.message };
    case "invalid-response":
      return {
        title: "Unexpected answer from DLI",
        body: `${error.message} The endpoint may not be DLI, or a proxy in between answered instead.`,
        detail: error.detail,
      };
    case "server":
    case "client":
      return error.code
        ? {
            title: `DLI error ${error.code}`,
            body: error.detail ?? error.message,
            detail: status,
          }
        : {
            title:
              error.kind === "server"
                ? `DLI server error (${status})`
                : `Request rejected (${status})`,
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
  const { title, body, detail } = explainError(error);
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
          {retrying ? "Retrying…" : "Retry"}
        </button>
      )}
    </div>
  );
}
