import { useViewMessages } from "../../../lib/i18n/view-messages";
import type { RequestChange } from "./request-diff";

/** A value as text (never markup); a long one cut, since the raw request is one click away. */
function shown(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Keys for list items that may repeat: the item and which occurrence of it this is. */
function keyed(items: readonly string[]): { key: string; item: string }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = (seen.get(item) ?? 0) + 1;
    seen.set(item, n);
    return { key: `${item}#${n}`, item };
  });
}

/** Changes between two requests: one row a field, lists as their added and removed items. */
export function DiffTable({
  title,
  changes,
}: {
  title: string;
  changes: readonly RequestChange[];
}) {
  const m = useViewMessages();
  const c = m.compare;
  if (changes.length === 0) return <p className="muted">{c.same}</p>;
  return (
    <table className="request-diff">
      <caption>{title}</caption>
      <tbody>
        {changes.map((change) => (
          <tr key={change.path} className={`diff-${change.kind}`}>
            <th scope="row" className="mono">
              {change.path}
            </th>
            <td>
              {change.kind === "changed" && (
                <>
                  <span className="visually-hidden">{c.changed}: </span>
                  <del className="mono">{shown(change.before)}</del>
                  <span aria-hidden="true"> → </span>
                  <ins className="mono">{shown(change.after)}</ins>
                </>
              )}
              {change.kind === "added" && (
                <>
                  <span className="diff-word">{c.added}</span>{" "}
                  <ins className="mono">{shown(change.value)}</ins>
                </>
              )}
              {change.kind === "removed" && (
                <>
                  <span className="diff-word">{c.removed}</span>{" "}
                  <del className="mono">{shown(change.value)}</del>
                </>
              )}
              {change.kind === "list" && (
                <ul className="diff-list">
                  {keyed(change.removed).map(({ key, item }) => (
                    <li key={`-${key}`}>
                      <span className="diff-sign" aria-hidden="true">
                        −
                      </span>
                      <span className="visually-hidden">{c.listRemoved}: </span>{" "}
                      <del className="mono">{shown(item)}</del>
                    </li>
                  ))}
                  {keyed(change.added).map(({ key, item }) => (
                    <li key={`+${key}`}>
                      <span className="diff-sign" aria-hidden="true">
                        +
                      </span>
                      <span className="visually-hidden">{c.listAdded}: </span>{" "}
                      <ins className="mono">{shown(item)}</ins>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
