// Reads the demo emulator's jobs through the real server's DLI path, so a browser test can
// name a job (a failed one, the one at position 1234) without hard-coding generated data.
import { type APIRequestContext, expect } from "@playwright/test";

export type DemoJobType = "DNA_SOMATIC" | "DNA_GERMLINE";

export interface WireJob {
  job_id: string;
  status: string;
  owner?: string;
  progress?: string | null;
  start_time: number | string;
  duration?: number;
  message: string | null;
  request: string;
}

/** Every job of one type in a demo project, newest first (the list's order, all time). */
export async function allDemoJobs(
  request: APIRequestContext,
  projectId: string,
  jobType: DemoJobType = "DNA_SOMATIC",
): Promise<WireJob[]> {
  const jobs: WireJob[] = [];
  for (let offset = 0; ; offset += 100) {
    const response = await request.get(`/v2.0/${projectId}/gene/jobs`, {
      params: { job_type: jobType, limit: 100, offset },
    });
    expect(response.ok()).toBe(true);
    const page = (await response.json()) as { job_count: number; jobs: WireJob[] };
    jobs.push(...page.jobs);
    if (page.jobs.length === 0 || jobs.length >= page.job_count) return jobs;
  }
}

/** One demo job by id (fails the test when the emulator has no such job). */
export async function demoJob(
  request: APIRequestContext,
  projectId: string,
  jobId: string,
  jobType: DemoJobType = "DNA_SOMATIC",
): Promise<WireJob> {
  const job = (await allDemoJobs(request, projectId, jobType)).find((j) => j.job_id === jobId);
  expect(job, `demo job ${jobId}`).toBeDefined();
  return job as WireJob;
}
