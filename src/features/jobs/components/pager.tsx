import { useId } from "react";
import { PAGE_SIZES } from "../../../contract/list-url";
import { formatJobCount, formatNumber } from "../../../lib/format";
import { useMessages } from "../../../lib/i18n/messages";
import type { JobsTableControl } from "../table/jobs-table";

/** Page numbers around the current one, with gaps: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(current: number, count: number, radius = 2): (number | "gap")[] {
  const pages = new Set([1, count]);
  for (let p = current - radius; p <= current + radius; p++) if (p >= 1 && p <= count) pages.add(p);
  const sorted = [...pages].filter((p) => p >= 1).sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const [i, page] of sorted.entries()) {
    const previous = sorted[i - 1];
    if (previous !== undefined && page - previous > 1) out.push("gap");
    out.push(page);
  }
  return out;
}

/** The table's pager: every button goes through the table, which reports the change. */
export function Pager({ control: { table, view } }: { control: JobsTableControl }) {
  const { page, size } = view;
  const pageCount = table.getPageCount();
  const total = table.getRowCount();
  const onPage = (target: number) => table.setPageIndex(target - 1);
  const sizeId = useId();
  const m = useMessages();
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  return (
    <div className="pager">
      <p className="pager-total" aria-live="polite">
        {total > 0
          ? m.pager.range(formatNumber(first), formatNumber(last), formatJobCount(total, m.units))
          : formatJobCount(0, m.units)}
      </p>
      <nav aria-label={m.pager.pagination}>
        <button
          type="button"
          aria-label={m.pager.first}
          disabled={page <= 1}
          onClick={() => onPage(1)}
        >
          «
        </button>
        <button
          type="button"
          aria-label={m.pager.previous}
          disabled={page <= 1}
          onClick={() => table.previousPage()}
        >
          ‹
        </button>
        {pageWindow(page, Math.max(pageCount, 1)).map((item, i) =>
          item === "gap" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity but their place
            <span key={`gap-${i}`} className="pager-gap" aria-hidden="true">
              …
            </span>
          ) : (
            <button
              key={item}
              type="button"
              aria-label={m.pager.page(item)}
              aria-current={item === page ? "page" : undefined}
              onClick={() => onPage(item)}
            >
              {item}
            </button>
          ),
        )}
        <button
          type="button"
          aria-label={m.pager.next}
          disabled={page >= pageCount}
          onClick={() => table.nextPage()}
        >
          ›
        </button>
        <button
          type="button"
          aria-label={m.pager.last}
          disabled={page >= pageCount}
          onClick={() => onPage(pageCount)}
        >
          »
        </button>
      </nav>
      <div className="pager-size">
        <label htmlFor={sizeId}>{m.pager.rowsPerPage}</label>
        <select
          id={sizeId}
          value={size}
          onChange={(event) => {
            const next = PAGE_SIZES.find((option) => option === Number(event.target.value));
            if (next) table.setPageSize(next);
          }}
        >
          {PAGE_SIZES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
