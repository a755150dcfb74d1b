// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobsSearch } from "../../../contract/list-url";
import { EmptyList } from "./empty-list";
import { UnusedParamsNotice } from "./unused-params-notice";

afterEach(cleanup);

const base: JobsSearch = { type: "DNA_SOMATIC", page: 1, size: 20, sort: "-started" };

describe("EmptyList", () => {
  it("offers to clear a status or text filter that matches nothing, keeping the range", () => {
    const setSearch = vi.fn();
    render(
      <EmptyList
        search={{ ...base, range: "7d", status: ["FAILED"], q: "x" }}
        setSearch={setSearch}
        onlyThisPage={false}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Clear the filters" }));
    expect(setSearch).toHaveBeenCalledWith({ status: [], q: "" });
  });

  it("offers all time for an empty range, and names an empty project's job type", () => {
    const setSearch = vi.fn();
    const { unmount } = render(
      <EmptyList
        search={{ ...base, from: "2020-01-01" }}
        setSearch={setSearch}
        onlyThisPage={false}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Show all time" }));
    expect(setSearch).toHaveBeenCalledWith({ range: undefined, from: undefined, to: undefined });
    unmount();

    render(
      <EmptyList
        search={{ ...base, type: "DNA_GERMLINE" }}
        setSearch={setSearch}
        onlyThisPage={false}
      />,
    );
    expect(document.body.textContent).toBe("No DNA germline jobs in this project yet.");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("says only that this page is empty when the range has jobs", () => {
    render(<EmptyList search={{ ...base, q: "x" }} setSearch={vi.fn()} onlyThisPage />);
    expect(document.body.textContent).toBe("No jobs on this page.");
  });
});

describe("UnusedParamsNotice", () => {
  it("lists at most eight, shortens long values, and writes markup as text", () => {
    const unused = Array.from({ length: 10 }, (_, i) => ({
      key: `k${i}`,
      value: i === 0 ? `<img src=x onerror=alert(1)>${"z".repeat(100)}` : "v",
      reason: "unknown" as const,
    }));
    const onDismiss = vi.fn();
    render(<UnusedParamsNotice unused={unused} onDismiss={onDismiss} />);
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toHaveLength(9);
    expect(items[0]).toBe(
      `k0=<img src=x onerror=alert(1)>${"z".repeat(31)}…: not a setting of this page`,
    );
    expect(items[8]).toBe("and 2 more");
    expect(document.querySelector("img")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it("gives the setting's own reason for an invalid value", () => {
    render(
      <UnusedParamsNotice
        unused={[{ key: "size", value: "7", reason: "invalid" }]}
        onDismiss={vi.fn()}
      />,
    );
    expect(screen.getByRole("listitem").textContent).toBe(
      "size=7: rows per page are 10, 20, 50 and 100",
    );
  });
});
