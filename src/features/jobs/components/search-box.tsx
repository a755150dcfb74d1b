import { useEffect, useId, useState } from "react";
import { useMessages } from "../../../lib/i18n/messages";

/** Sets `q` when typing pauses (or at once on Enter), so every keystroke is not a new view. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const id = useId();
  const m = useMessages();
  const [text, setText] = useState(value);
  // The URL is the truth: Back or a link may change it under us.
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => onSearch(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text, value, onSearch]);
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
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") onSearch(text.trim());
        }}
        spellCheck={false}
      />
    </div>
  );
}
