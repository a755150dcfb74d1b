import { useCallback, useLayoutEffect, useRef } from "react";

/** A callback whose identity never changes, calling the latest one given. */
export function useLatestCallback<A extends unknown[], R>(callback: (...args: A) => R) {
  const latest = useRef(callback);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
