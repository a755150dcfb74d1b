import { queryOptions } from "@tanstack/react-query";
import { z } from "zod/mini";
import { requestJson } from "./http";
import { getPreferences, type Locale } from "./preferences";

/** What the dashboard server says about itself: demo or proxy, and the projects to offer. */
const appConfigSchema = z.object({
  mode: z.enum(["demo", "proxy"]),
  endpointHost: z.nullable(z.string()),
  cancelAllowed: z.boolean(),
  /** "Run again" (proxy mode: DLI_ALLOW_SUBMIT); absent from an older server: off. */
  submitAllowed: z.optional(z.boolean()),
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.nullable(z.string()),
      description: z.nullable(z.string()),
      /** Chinese name and description (the demo projects have them; DLI_PROJECT_IDS do not). */
      nameZh: z.optional(z.nullable(z.string())),
      descriptionZh: z.optional(z.nullable(z.string())),
    }),
  ),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

const asSent = (config: AppConfig) => config;

/** A Chinese page names the projects in Chinese where the server gave Chinese names. */
function inChinese(config: AppConfig): AppConfig {
  return {
    ...config,
    projects: config.projects.map((project) => ({
      ...project,
      name: project.nameZh ?? project.name,
      description: project.descriptionZh ?? project.description,
    })),
  };
}

/**
 * The server's config, read once and shared by every language; `name` and `description` are in
 * `locale` (by default the page's: a component that renders text re-renders when it changes).
 */
export const appConfigQuery = (locale: Locale = getPreferences().locale) =>
  queryOptions({
    queryKey: ["app-config"] as const,
    queryFn: ({ signal }) => requestJson("/api/config", appConfigSchema, signal ? { signal } : {}),
    staleTime: Number.POSITIVE_INFINITY,
    select: locale === "zh-CN" ? inChinese : asSent,
  });
