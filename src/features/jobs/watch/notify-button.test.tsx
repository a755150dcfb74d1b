// @vitest-environment jsdom
// "Notify me": permission is asked only on the viewer's click, a refusal is said in words, and
// the watch is kept in this browser (and, for the watcher's start, flagged).
import { QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueryClient } from "../../../app/query-client";
import { ProjectNotifyButton } from "./notify-button";
import { WATCHING_FLAG } from "./start-watcher";
import { readWatches } from "./watch-store";
import { stopWatcher } from "./watcher";

const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

const shown: { title: string; body: string | undefined }[] = [];

function fakeNotification(
  permission: NotificationPermission,
  answer: NotificationPermission,
  { pageMayShow = true } = {},
) {
  const requestPermission = vi.fn(async () => answer);
  vi.stubGlobal(
    "Notification",
    class {
      static permission = permission;
      static requestPermission = requestPermission;
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body?: string } = {}) {
        // As Chrome on Android: notifications only from a service worker.
        if (!pageMayShow) throw new TypeError("Illegal constructor");
        shown.push({ title, body: options.body });
      }
      close() {}
    },
  );
  return requestPermission;
}

function show() {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <MemoryRouter>
        <ProjectNotifyButton projectId={PROJECT} name="Oncology" />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return screen.getByRole("button", {
    name: "Notify me when a job of Oncology fails or needs attention",
  });
}

async function click(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

beforeEach(() => {
  localStorage.clear();
  shown.length = 0;
  // The watcher's reads are not what this test is about.
  vi.stubGlobal(
    "fetch",
    vi.fn(() => new Promise(() => {})),
  );
});

afterEach(() => {
  stopWatcher();
  cleanup();
  vi.unstubAllGlobals();
});

describe("Notify me", () => {
  it("asks for permission on the click, not before, and watches the project once allowed", async () => {
    const ask = fakeNotification("default", "granted");
    const button = show();
    expect(ask).not.toHaveBeenCalled();
    expect(button.getAttribute("aria-pressed")).toBe("false");

    await click(button);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(button.getAttribute("aria-pressed")).toBe("true");
    expect(readWatches().projects).toEqual([{ projectId: PROJECT }]);
    expect(localStorage.getItem(WATCHING_FLAG)).toBe("1");
    // A notification says at once that they are on, and what they are for.
    expect(shown).toEqual([
      {
        title: "Notifications on",
        body: "You will be told here when a job of Oncology fails or needs attention, while a dashboard tab is open.",
      },
    ]);

    // Pressed again: the watch goes, and with the last one the flag.
    await click(button);
    expect(button.getAttribute("aria-pressed")).toBe("false");
    expect(readWatches().projects).toEqual([]);
    expect(localStorage.getItem(WATCHING_FLAG)).toBeNull();
  });

  it("says so when the browser refuses, and watches nothing", async () => {
    fakeNotification("default", "denied");
    const button = show();
    await click(button);
    expect(screen.getByRole("status").textContent).toMatch(
      /Notifications are blocked for this site/,
    );
    expect(button.getAttribute("aria-pressed")).toBe("false");
    expect(readWatches().projects).toEqual([]);
  });

  it("does not ask again once denied", async () => {
    const ask = fakeNotification("denied", "denied");
    await click(show());
    expect(ask).not.toHaveBeenCalled();
    expect(screen.getByRole("status").textContent).toMatch(/blocked/);
  });

  it("says so when the browser shows notifications only from installed apps, and watches nothing", async () => {
    fakeNotification("default", "granted", { pageMayShow: false });
    const button = show();
    await click(button);
    expect(screen.getByRole("status").textContent).toMatch(/only from installed apps/);
    expect(button.getAttribute("aria-pressed")).toBe("false");
    expect(readWatches().projects).toEqual([]);
    expect(localStorage.getItem(WATCHING_FLAG)).toBeNull();
  });

  it("says to reload when the watcher's code cannot be loaded, and turns nothing on", async () => {
    fakeNotification("default", "granted");
    vi.doMock("./watcher", () => {
      throw new Error("Failed to fetch dynamically imported module");
    });
    try {
      const button = show();
      await click(button);
      expect((await screen.findByRole("status")).textContent).toMatch(
        /Reload the page and try again/,
      );
      expect(button.getAttribute("aria-pressed")).toBe("false");
      expect(readWatches().projects).toEqual([]);
      // Nothing says they are on when they are not.
      expect(shown).toEqual([]);
    } finally {
      vi.doUnmock("./watcher");
    }
  });

  it("says so in a browser without notifications", async () => {
    await click(show());
    expect(screen.getByRole("status").textContent).toBe("This browser cannot show notifications.");
  });
});
