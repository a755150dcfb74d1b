import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { ErrorPanel } from "../components/error-panel";
import { MorningBoard } from "../features/jobs/morning/morning-board";
import { OpenProjectForm, RecentProjects } from "../features/projects/project-picker";
import { appConfigQuery } from "../lib/app-config";
import { useViewMessages } from "../lib/i18n/view-messages";

/**
 * `/`: the page a lab opens first. Every configured project (the demo projects in demo mode)
 * with what ran, failed and needs a look since last evening, then the projects opened lately and
 * a box to open any other by its id. Loaded on demand, like every view but the list.
 */
export function MorningPage() {
  const config = useQuery(appConfigQuery());
  const m = useViewMessages();
  const names = useMemo(
    () => new Map((config.data?.projects ?? []).map((p) => [p.id, p.name])),
    [config.data],
  );

  useEffect(() => {
    document.title = `${m.picker.heading} · ${m.app.title}`;
  }, [m]);

  return (
    <section className="picker morning">
      <h1>{m.picker.heading}</h1>
      <p className="lead">{m.morning.lead}</p>
      {config.isPending && <p aria-busy="true">{m.picker.loading}</p>}
      {config.isError && <ErrorPanel error={config.error} onRetry={() => config.refetch()} />}
      {config.data && (
        <MorningBoard projects={config.data.projects} demo={config.data.mode === "demo"} />
      )}
      <RecentProjects names={names} />
      <OpenProjectForm />
    </section>
  );
}
