import { queryOptions } from "@tanstack/react-query";
import { z } from "zod/mini";
import { requestJson } from "./http";

/** What the dashboard server says about itself: demo or proxy, and the projects to offer. */
const appConfigSchema = z.object({
  mode: z.enum(["demo", "proxy"]),
  endpointHost: z.nullable(z.string()),
  cancelAllowed: z.boolean(),
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.nullable(z.string()),
      description: z.nullable(z.string()),
    }),
  ),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

export const appConfigQuery = () =>
  queryOptions({
    queryKey: ["app-config"] as const,
    queryFn: ({ signal }) => requestJson("/api/config", appConfigSchema, signal ? { signal } : {}),
    staleTime: Number.POSITIVE_INFINITY,
  });
