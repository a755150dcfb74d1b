import { type ComponentType, useEffect, useState } from "react";

export type LazyComponent<P> = {
  /** Renders the fallback (or nothing) until the code is here, then the component. */
  Component: ComponentType<P>;
  /** Fetches the code now (once); for an idle moment before it is needed. */
  preload: () => Promise<unknown>;
};

/**
 * A component kept out of the first bundle. Unlike `React.lazy` it never suspends: suspending
 * makes React 19 hold the reveal for ~300 ms, even when the code is already loaded. Until the
 * code arrives it renders its fallback, or nothing; once loaded, new instances render it at
 * once. A failed load is thrown to the nearest error boundary.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** Shown while the code is on its way (a page needs one; a dialog opened after it is
   * preloaded does not). */
  Fallback: ComponentType | null = null,
): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };

  // Made once per part, at module scope.
  function Component(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (Loaded) return;
      preload().then(
        (component) => setLoaded(() => component),
        (error: unknown) =>
          setLoaded(() => {
            throw error;
          }),
      );
    }, [Loaded]);
    if (Loaded) return <Loaded {...props} />;
    return Fallback ? <Fallback /> : null;
  }

  return { Component, preload };
}

const idleQueue: (() => Promise<unknown>)[] = [];
let contentShown = false;

function whenIdle(task: () => void): void {
  if (typeof window.requestIdleCallback === "function") {
    window.requestIdleCallback(task, { timeout: 2_000 });
  } else {
    window.setTimeout(task, 200);
  }
}

function preloadSoon(preload: () => Promise<unknown>): void {
  // A failure now is retried (and, if it persists, shown) when the part is actually needed.
  whenIdle(() => void preload().catch(() => {}));
}

/**
 * Fetches a part's code at the first idle moment after the page's main content is on screen
 * (see {@link markContentShown}), so opening it later does not wait for the network.
 */
export function preloadAfterContent(preload: () => Promise<unknown>): void {
  if (contentShown) preloadSoon(preload);
  else idleQueue.push(preload);
}

/** The main content (the list's first rows) is on screen: start the queued preloads. */
export function markContentShown(): void {
  if (contentShown) return;
  contentShown = true;
  for (const preload of idleQueue.splice(0)) preloadSoon(preload);
}
