import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appConfigQuery } from "./app-config";

const demoConfig = {
  mode: "demo",
  endpointHost: null,
  cancelAllowed: true,
  projects: [
    {
      id: "3f9c2a7e5b1d4c8e9a06f1b2d3c4e5a7",
      name: "Oncology WGS (demo)",
      description: "Tumor/normal WGS",
      nameZh: "肿瘤全基因组测序（演示）",
      descriptionZh: "肿瘤/正常配对全基因组测序",
    },
  ],
};
// Proxy mode names no project: DLI_PROJECT_IDS are ids only, and there is no Chinese to pick.
const proxyConfig = {
  mode: "proxy",
  endpointHost: "dli.example",
  cancelAllowed: false,
  projects: [{ id: "p1", name: null, description: null }],
};

afterEach(() => vi.unstubAllGlobals());

/** The config as a component reads it through useQuery(appConfigQuery(locale)). */
async function read(answer: unknown, locale: "en" | "zh-CN") {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => Response.json(answer)),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const options = appConfigQuery(locale);
  const data = await client.fetchQuery(options);
  return options.select ? options.select(data) : data;
}

describe("appConfigQuery", () => {
  it("gives the demo projects' names in the page's language", async () => {
    expect((await read(demoConfig, "en")).projects[0]).toMatchObject({
      name: "Oncology WGS (demo)",
      description: "Tumor/normal WGS",
    });
    expect((await read(demoConfig, "zh-CN")).projects[0]).toMatchObject({
      name: "肿瘤全基因组测序（演示）",
      description: "肿瘤/正常配对全基因组测序",
    });
  });

  it("leaves projects without Chinese names as the server sent them", async () => {
    expect((await read(proxyConfig, "zh-CN")).projects).toEqual([
      { id: "p1", name: null, description: null },
    ]);
  });

  it("shares one cache entry between languages", () => {
    expect(appConfigQuery("en").queryKey).toEqual(appConfigQuery("zh-CN").queryKey);
  });
});
