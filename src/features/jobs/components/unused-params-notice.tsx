import { useViewMessages as useMessages } from "../../../lib/i18n/view-messages";
import type { UnusedParam } from "../url/unused-params";

const SHOWN = 8;
const VALUE_CHARS = 60;

function shorten(value: string): string {
  return value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS - 1)}…` : value;
}

/**
 * Says what a hand-edited or old bookmarked address asked for that the list could not use, so
 * nobody reads "All time" believing it is the range they typed. Shown until dismissed.
 */
export function UnusedParamsNotice({
  unused,
  onDismiss,
  page = "list",
}: {
  unused: UnusedParam[];
  onDismiss: () => void;
  /** The page that shows the rest. */
  page?: "list" | "overview";
}) {
  const m = useMessages();
  return (
    <div className="notice unused-params" role="status">
      <p>
        <strong>{m.address.heading}</strong>{" "}
        {page === "overview" ? m.address.leadOverview : m.address.lead}
      </p>
      <ul>
        {unused.slice(0, SHOWN).map(({ key, value, reason }, index) => (
          // The same key may be listed twice (repeated); position keeps keys unique.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for this query.
          <li key={index}>
            <code>{`${shorten(key)}=${shorten(value)}`}</code>
            {m.address.separator}
            {reason === "invalid" ? m.address.reasons[key] : m.address.reasons[reason]}
          </li>
        ))}
        {unused.length > SHOWN && <li>{m.address.more(unused.length - SHOWN)}</li>}
      </ul>
      <button type="button" onClick={onDismiss}>
        {m.errors.dismiss}
      </button>
    </div>
  );
}
