// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { BrowserRouter } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { useJobsSearch } from "./use-jobs-search";

function renderAt(url: string) {
  window.history.replaceState(null, "", url);
  return renderHook(() => useJobsSearch(), {
    wrapper: ({ children }: { children: ReactNode }) => <BrowserRouter>{children}</BrowserRouter>,
  });
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("useJobsSearch: two changes before React re-renders", () => {
  it("keeps both: the second builds on the first, not on the render's copy of the URL", () => {
    const { result } = renderAt("/projects/p/jobs?size=10");
    const [, setSearch] = result.current;
    act(() => {
      setSearch({ q: "tumor" });
      setSearch({ sort: "-duration" });
    });
    const params = new URLSearchParams(window.location.search);
    expect(params.get("q")).toBe("tumor");
    expect(params.get("sort")).toBe("-duration");
    expect(result.current[0]).toMatchObject({ q: "tumor", sort: "-duration", size: 10 });
  });

  it("moves relative to the page in the address bar: two steps forward, then one back", () => {
    const { result } = renderAt("/projects/p/jobs?size=10");
    const [, setSearch] = result.current;
    act(() => {
      setSearch(({ page }) => ({ page: page + 1 }));
      setSearch(({ page }) => ({ page: page + 1 }));
    });
    expect(result.current[0].page).toBe(3);
    act(() => result.current[1](({ page }) => ({ page: page - 1 })));
    expect(new URLSearchParams(window.location.search).get("page")).toBe("2");
  });

  it("writes nothing when a function asks for no change", () => {
    const { result } = renderAt("/projects/p/jobs?page=2&size=10");
    const before = window.history.length;
    act(() => result.current[1](() => ({}), { push: true }));
    expect(window.history.length).toBe(before);
    expect(window.location.search).toBe("?page=2&size=10");
  });
});

describe("useJobsSearch: a hand-edited address", () => {
  it("is rewritten, and what it could not use is kept for the viewer until dismissed", async () => {
    const { result } = renderAt("/projects/p/jobs?size=abc&page=2");
    expect(window.location.search).toBe("?page=2");
    await waitFor(() =>
      expect(result.current[2]?.unused).toEqual([{ key: "size", value: "abc", reason: "invalid" }]),
    );
    act(() => result.current[2]?.dismiss());
    expect(result.current[2]).toBeNull();
  });

  it("says nothing when the address was already canonical, or only spelled differently", () => {
    const { result } = renderAt("/projects/p/jobs?page=2&size=50");
    expect(window.location.search).toBe("?page=2&size=50");
    expect(result.current[2]).toBeNull();
    const respelled = renderAt("/projects/p/jobs?size=50&status=failed&page=2");
    expect(window.location.search).toBe("?page=2&size=50&status=FAILED");
    expect(respelled.result.current[2]).toBeNull();
  });
});
