import { useState } from "react";
import { CopyButton } from "../../../components/copy-button";
import { LongText } from "../../../components/long-text";
import { formatDuration, formatNumber } from "../../../lib/format";
import { useViewMessages as useMessages } from "../../../lib/i18n/view-messages";
import { argumentLines, type FieldKind } from "../request/request-groups";

const COLLAPSED_ITEMS = 10;
const OBS_PATH = /^(s3a?|obs):\/\//i;

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === "" ||
    (Array.isArray(value) && value.length === 0)
  );
}

export function PathValue({ path, copyable = true }: { path: string; copyable?: boolean }) {
  const m = useMessages();
  return (
    <span className="path-value">
      <LongText as="span" className="mono path-text" text={path} />
      {copyable && <CopyButton text={path} label={m.copy.path} />}
    </span>
  );
}

function ArgumentList({ args }: { args: string[] }) {
  return (
    <span className="args">
      {argumentLines(args).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same argument may repeat; order is identity
        <LongText key={index} className="mono arg-line" text={line.join(" ")} />
      ))}
    </span>
  );
}

/**
 * A long list (thousands of known sites) shows its first items; "Show all" renders the rest.
 * Items of a long list get no copy button each (thousands of buttons make the drawer sluggish);
 * one "Copy list" button copies them all, one per line.
 */
function CollapsibleList({ items }: { items: unknown[] }) {
  const [expanded, setExpanded] = useState(false);
  const m = useMessages();
  const long = items.length > COLLAPSED_ITEMS;
  const visible = expanded ? items : items.slice(0, COLLAPSED_ITEMS);
  return (
    <>
      <ul className="value-list">
        {visible.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
          <li key={index}>
            <FieldValue value={item} copyable={!long} />
          </li>
        ))}
      </ul>
      {long && (
        <span className="list-actions">
          <button type="button" className="link-button" onClick={() => setExpanded(!expanded)}>
            {expanded ? m.drawer.showFewer : m.drawer.showAll(formatNumber(items.length))}
          </button>
          <CopyButton
            text={items
              .map((item) => (typeof item === "string" ? item : JSON.stringify(item)))
              .join("\n")}
            label={m.copy.list}
            showLabel
          />
        </span>
      )}
    </>
  );
}

function Hours({ value }: { value: number }) {
  return <>{formatDuration(value * 3_600, useMessages().units)}</>;
}

function YesNo({ value }: { value: boolean }) {
  const m = useMessages();
  return <span>{value ? m.drawer.yes : m.drawer.no}</span>;
}

/**
 * Renders one request value as text, whatever its type: a field of an unexpected type is shown
 * as it came rather than guessed at.
 */
export function FieldValue({
  value,
  kind = "value",
  copyable = true,
}: {
  value: unknown;
  kind?: FieldKind;
  copyable?: boolean;
}) {
  if (isEmpty(value)) return <span className="muted">—</span>;
  if (typeof value === "string") {
    return OBS_PATH.test(value) ? (
      <PathValue path={value} copyable={copyable} />
    ) : (
      <LongText className="text-value" text={value} />
    );
  }
  if (typeof value === "boolean") return <YesNo value={value} />;
  if (typeof value === "number") {
    return <span>{kind === "hours" ? <Hours value={value} /> : String(value)}</span>;
  }
  if (Array.isArray(value)) {
    if (kind === "args" && value.every((item) => typeof item === "string")) {
      return <ArgumentList args={value} />;
    }
    return <CollapsibleList items={value} />;
  }
  return <LongText as="pre" className="inline-json" text={JSON.stringify(value, null, 2)} />;
}
