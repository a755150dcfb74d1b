import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseJobsSearch } from "../../contract/list-url";
import { jobQueries, toPageView } from "./api/job-queries";
import { prefetchFirstPage } from "./first-page";

const PROJECT = "3f9c2a7e5b1d4c8e9a06f1b2d3c4e5a7";
const PAGE = { job_count: 1, jobs: [{ job_id: "j1", status: "RUNNING", progress: "1/7" }] };

afterEach(() => vi.unstubAllGlobals());

function stubFetch() {
  const fetch = vi.fn(async (_path: string) => new Response(JSON.stringify(PAGE)));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("prefetchFirstPage", () => {
  it("fetches the page the list will read first, under the list's own key", async () => {
    const fetch = stubFetch();
    const client = new QueryClient();
    const location = {
      pathname: `/projects/${PROJECT}/jobs`,
      search: "?type=DNA_GERMLINE&size=50",
    };
    await prefetchFirstPage(client, location, "local");
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch.mock.calls[0]?.[0]).toBe(
      `/v2.0/${PROJECT}/gene/jobs?job_type=DNA_GERMLINE&limit=50&offset=0`,
    );
    const key = toPageView(PROJECT, parseJobsSearch(new URLSearchParams(location.search)), "local");
    expect(client.getQueryData(jobQueries.page(key).queryKey)).toMatchObject({ total: 1 });
  });

  it.each([
    ["the project picker", "/", ""],
    ["another route", `/projects/${PROJECT}`, ""],
    ["a malformed project id", "/projects/not%20an%20id/jobs", ""],
    ["a broken escape", "/projects/%E0%A4%A/jobs", ""],
    ["a view read as a whole range", `/projects/${PROJECT}/jobs`, "?status=FAILED"],
  ])("leaves %s to the page itself", (_name, pathname, search) => {
    const fetch = stubFetch();
    expect(prefetchFirstPage(new QueryClient(), { pathname, search }, "local")).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("a first page that fails", () => {
  it("is not asked for again when the list mounts on it", async () => {
    const fetch = vi.fn(async () => new Response('{"error_code":"APIGW.0301"}', { status: 401 }));
    vi.stubGlobal("fetch", fetch);
    const client = new QueryClient();
    const location = { pathname: `/projects/${PROJECT}/jobs`, search: "" };
    await prefetchFirstPage(client, location, "local");
    const key = toPageView(PROJECT, parseJobsSearch(new URLSearchParams()), "local");
    const observer = new QueryObserver(client, jobQueries.page(key));
    const unsubscribe = observer.subscribe(() => {});
    expect(observer.getCurrentResult().status).toBe("error");
    expect(observer.getCurrentResult().isFetching).toBe(false);
    unsubscribe();
    expect(fetch).toHaveBeenCalledOnce();
  });
});
