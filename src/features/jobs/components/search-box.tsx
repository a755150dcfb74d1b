import { useEffect, useId, useRef, useState } from "react";
import { useMessages } from "../../../lib/i18n/messages";

const TYPING_PAUSE_MS = 300;

/** Sets `q` when typing pauses (or at once on Enter), so every keystroke is not a new view. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const id = useId();
  const m = useMessages();
  const [text, setText] = useState(value);
  const pending = useRef<number | undefined>(undefined);
  // The URL is the truth: Back or a link may change it under us. The box follows in the same
  // render, not an effect later, so no render ever pairs the new address with the old text.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setText(value);
  }
  // Only typing starts the pause timer, and any change of the address cancels it: a slow render
  // after a link (say, opening a relaunched job) must not put the old search back.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the cleanup runs when `value` changes.
  useEffect(() => () => window.clearTimeout(pending.current), [value]);

  const type = (next: string) => {
    setText(next);
    window.clearTimeout(pending.current);
    if (next.trim() === value) return;
    pending.current = window.setTimeout(() => onSearch(next.trim()), TYPING_PAUSE_MS);
  };
  return (
    <div className="search-box">
      <label htmlFor={id} className="visually-hidden">
        {m.filters.search}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={m.filters.searchPlaceholder}
        onChange={(event) => type(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== "Enter") return;
          window.clearTimeout(pending.current);
          onSearch(text.trim());
        }}
        spellCheck={false}
      />
    </div>
  );
}
