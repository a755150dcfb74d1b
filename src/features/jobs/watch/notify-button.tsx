import "./notify.css";
import { useQueryClient } from "@tanstack/react-query";
import { useState, useSyncExternalStore } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { isActive } from "../../../contract/job-status";
import { useLatestCallback } from "../../../hooks/use-latest-callback";
import { useViewMessages } from "../../../lib/i18n/view-messages";
import type { Job } from "../api/job-schemas";
import {
  addWatch,
  isWatched,
  removeWatch,
  subscribeWatches,
  type WatchTarget,
  watchesSnapshot,
} from "./watch-store";

type Problem = "unsupported" | "pageCannotShow" | "denied" | "notLoaded";

/** A bell, filled while notifications are on (drawn: emoji fonts are not everywhere). */
function BellIcon({ filled }: { filled: boolean }) {
  return (
    <svg className="notify-bell" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 21.5a2.3 2.3 0 0 0 2.25-1.8h-4.5A2.3 2.3 0 0 0 12 21.5ZM18.5 16v-5a6.5 6.5 0 0 0-5-6.33V4a1.5 1.5 0 0 0-3 0v.67a6.5 6.5 0 0 0-5 6.33v5L4 17.5v.7h16v-.7Z"
        fill={filled ? "currentColor" : "none"}
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** Asks for permission (only now, on the viewer's click); what the browser said. */
async function askPermission(): Promise<"granted" | Problem> {
  if (typeof Notification === "undefined") return "unsupported";
  let permission = Notification.permission;
  if (permission === "default") {
    try {
      permission = await Notification.requestPermission();
    } catch {
      return "unsupported";
    }
  }
  return permission === "granted" ? "granted" : "denied";
}

/**
 * Says at once, in a notification, that notifications are on: the viewer sees what they will
 * look like, and a browser that shows them only from a service worker (Chrome on Android)
 * refuses here, where it can be said, rather than silently later in the watcher.
 */
function confirmNotifications(title: string, body: string): "granted" | Problem {
  try {
    const notification = new Notification(title, { body, tag: "gene-jobs-notify-on" });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
    return "granted";
  } catch {
    return "pageCannotShow";
  }
}

/**
 * "Notify me" for a project or one job: a toggle kept in this browser (watch-store.ts). Turning
 * it on asks the browser's permission if it was never asked, and starts the watcher in this tab;
 * what the browser refuses is said in words next to it.
 */
export function NotifyButton({
  target,
  label,
  confirmation,
}: {
  target: WatchTarget;
  label: string;
  /** The body of the notification that says they are on. */
  confirmation: string;
}) {
  const m = useViewMessages().notify;
  const client = useQueryClient();
  const navigate = useNavigate();
  const open = useLatestCallback((path: string) => navigate(path));
  const snapshot = useSyncExternalStore(subscribeWatches, watchesSnapshot, () => "");
  const watched = snapshot !== "" && isWatched(target);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function toggle() {
    if (watched) {
      removeWatch(target);
      setProblem(null);
      return;
    }
    // The watcher's code loads while the browser asks, and the button turns on only once it
    // runs: what the viewer saw when pressing is its baseline, so a job that fails a moment
    // later is announced, not taken for old news.
    const loading = import("./watcher").catch(() => null);
    // Permission first, while the click still counts as the viewer's gesture.
    const permission = await askPermission();
    if (permission !== "granted") {
      setProblem(permission);
      return;
    }
    const watcher = await loading;
    if (!watcher) {
      setProblem("notLoaded");
      return;
    }
    const shown = confirmNotifications(m.onTitle, confirmation);
    if (shown !== "granted") {
      setProblem(shown);
      return;
    }
    setProblem(null);
    addWatch(target);
    watcher.startWatcher(client, open);
  }

  return (
    <span className="notify">
      <button
        type="button"
        className="notify-button"
        aria-pressed={watched}
        aria-label={label}
        title={watched ? m.onHint : label}
        onClick={() => void toggle()}
      >
        <BellIcon filled={watched} /> {m.button}
      </button>
      {problem && (
        <span className="notify-problem" role="status">
          {m[problem]}
        </span>
      )}
    </span>
  );
}

/** "Notify me" for a project's page header (its list or overview). */
export function ProjectNotifyButton({ projectId, name }: { projectId: string; name: string }) {
  const m = useViewMessages().notify;
  return (
    <NotifyButton
      target={{ kind: "project", projectId }}
      label={m.projectLabel(name)}
      confirmation={m.onProject(name)}
    />
  );
}

/** The drawer's "Notify me" for a job still running: a notification when it ends. */
export function JobNotifyButton({ job, jobType }: { job: Job; jobType: string }) {
  const { projectId = "" } = useParams();
  const m = useViewMessages().notify;
  if (!projectId || !isActive(job.status)) return null;
  return (
    <NotifyButton
      target={{
        kind: "job",
        projectId,
        jobId: job.jobId,
        jobType,
        startTime: job.startTime,
        status: job.status,
      }}
      label={m.jobLabel}
      confirmation={m.onJob}
    />
  );
}
