import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { jobKeys } from "../api/job-queries";
import type { Job, JobRow } from "../api/job-schemas";
import { cancelJob } from "../api/jobs-api";

type WithRows = { rows: JobRow[] };

function withStatus<T extends WithRows>(
  data: T | undefined,
  jobId: string,
  status: string,
): T | undefined {
  if (!data) return data;
  return {
    ...data,
    rows: data.rows.map((row) =>
      row.kind === "job" && row.jobId === jobId ? { ...row, status } : row,
    ),
  };
}

/**
 * Cancel with a confirmation first; then the job shows CANCELING at once in every cached view
 * of the project, and comes back as it was, with DLI's reason, if DLI refuses.
 */
export function useCancelJob(
  projectId: string,
  { onConfirm }: { onConfirm?: (jobId: string) => void } = {},
) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Job | null>(null);
  const [refusal, setRefusal] = useState<{ jobId: string; error: unknown } | null>(null);
  const projectKey = jobKeys.project(projectId);

  const mutation = useMutation({
    mutationFn: (jobId: string) => cancelJob(projectId, jobId),
    onMutate: async (jobId) => {
      setRefusal(null);
      // A poll landing now would overwrite the optimistic status with the old one.
      await queryClient.cancelQueries({ queryKey: jobKeys.pages(projectId) });
      const snapshots = queryClient.getQueriesData<WithRows>({ queryKey: projectKey });
      queryClient.setQueriesData<WithRows>({ queryKey: projectKey }, (data) =>
        withStatus(data, jobId, "CANCELING"),
      );
      return { snapshots };
    },
    onError: (error, jobId, context) => {
      for (const [key, data] of context?.snapshots ?? ([] as [QueryKey, WithRows | undefined][])) {
        queryClient.setQueryData(key, data);
      }
      setRefusal({ jobId, error });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: projectKey }),
  });

  return {
    asking,
    ask: (job: Job) => setAsking(job),
    dismiss: () => setAsking(null),
    confirm: () => {
      if (!asking) return;
      onConfirm?.(asking.jobId);
      mutation.mutate(asking.jobId);
      setAsking(null);
    },
    refusal,
    clearRefusal: () => setRefusal(null),
  };
}

export type CancelJobControl = ReturnType<typeof useCancelJob>;
