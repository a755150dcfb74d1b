import { type RefObject, useLayoutEffect, useRef, useState } from "react";

/**
 * The width of the element, in CSS px, kept up to date with a ResizeObserver. A chart draws in
 * these units (its viewBox is this wide), so text set at 11 px is 11 px on screen and a narrow
 * phone gets fewer ticks rather than a shrunken picture. Where nothing can be measured (tests,
 * or before layout) it is `fallback`.
 */
export function useChartWidth<E extends HTMLElement>(
  fallback = 640,
): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (measured: number) => {
      // Whole pixels, and no re-render for a sub-pixel change.
      if (measured > 0) setWidth(Math.floor(measured));
    };
    measure(element.clientWidth);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) measure(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
