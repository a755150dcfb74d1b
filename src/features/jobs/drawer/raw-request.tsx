import { useId, useMemo, useState } from "react";
import { CopyButton } from "../../../components/copy-button";
import { downloadText } from "../../../lib/download";
import { useViewMessages as useMessages } from "../../../lib/i18n/view-messages";
import { type DecodedRequest, prettyRequest } from "../request/decode-request";
import { tokenizeJson } from "../request/json-tokens";

/** Above this the raw view waits for a click: colouring 300 KB of JSON is not free. */
const LARGE_REQUEST_CHARS = 100_000;

function safeFileName(jobId: string): string {
  return `${jobId.replace(/[^A-Za-z0-9_-]/g, "_") || "job"}.request.json`;
}

function HighlightedJson({ text }: { text: string }) {
  const tokens = useMemo(() => tokenizeJson(text), [text]);
  return (
    <>
      {tokens.map((token, index) =>
        token.kind === "plain" ? (
          token.text
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens are positional
          <span key={index} className={`tok-${token.kind}`}>
            {token.text}
          </span>
        ),
      )}
    </>
  );
}

/** The request as text (secrets already masked by the data layer), with Copy and Download. */
export function RawRequest({ jobId, request }: { jobId: string; request: DecodedRequest }) {
  const headingId = useId();
  const text = useMemo(() => prettyRequest(request), [request]);
  const m = useMessages();
  const large = text.length > LARGE_REQUEST_CHARS;
  const [shown, setShown] = useState(!large);
  if (request.kind === "missing") {
    return (
      <section className="drawer-section" aria-labelledby={headingId}>
        <h3 id={headingId}>{m.drawer.requestJson}</h3>
        <p className="muted">{m.drawer.noRequest}</p>
      </section>
    );
  }
  return (
    <section className="drawer-section" aria-labelledby={headingId}>
      <div className="section-heading-row">
        <h3 id={headingId}>{m.drawer.requestJson}</h3>
        <div className="section-actions">
          <CopyButton text={text} label={m.copy.request} showLabel />
          <button
            type="button"
            onClick={() => downloadText(safeFileName(jobId), text, "application/json")}
          >
            {m.drawer.downloadRequest}
          </button>
        </div>
      </div>
      {shown ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a long request must be scrollable by keyboard
        // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the focusable block needs a name when reached
        <pre className="raw-json" aria-label={m.drawer.requestJson} tabIndex={0}>
          <HighlightedJson text={text} />
        </pre>
      ) : (
        <button type="button" onClick={() => setShown(true)}>
          {m.drawer.showRaw(Math.round(new Blob([text]).size / 1024))}
        </button>
      )}
    </section>
  );
}
