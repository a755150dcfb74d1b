import { useState } from "react";
import { formatNumber } from "../lib/format";
import { useMessages } from "../lib/i18n/messages";
import { CopyButton } from "./copy-button";

/** What is shown of a long text until asked: a screen of it, not a megabyte. */
export const TEXT_CUT_CHARS = 1_000;

/** The first `length` characters, never half of a surrogate pair. */
function head(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/**
 * A text from DLI, cut to a readable length with "Show all" and Copy. A megabyte without a
 * space (a base64 blob, a list joined without separators) laid out whole took seconds to half a
 * minute; the whole text, when asked for, goes in a box of its own width that scrolls, so the
 * layout around it never measures it.
 */
export function LongText({
  text,
  className,
  as: Tag = "span",
  cutAt = TEXT_CUT_CHARS,
}: {
  text: string;
  className?: string;
  as?: "span" | "p" | "pre";
  /** Longer texts are cut here until asked for. */
  cutAt?: number;
}) {
  const [expanded, setExpanded] = useState(false);
  const m = useMessages();
  if (text.length <= cutAt) return <Tag className={className}>{text}</Tag>;
  return (
    <>
      <Tag className={`${className ?? ""} long-text${expanded ? " is-expanded" : ""}`}>
        {expanded ? text : `${head(text, cutAt)}…`}
      </Tag>
      <span className="list-actions">
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? m.copy.showLessText : m.copy.showAllText(formatNumber(text.length))}
        </button>
        <CopyButton text={text} label={m.copy.value} showLabel />
      </span>
    </>
  );
}
