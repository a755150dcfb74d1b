// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useZoneName } from "./zone-name";

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe("useZoneName", () => {
  it("starts from the remembered name, then reads and remembers the real one", () => {
    vi.useFakeTimers();
    localStorage.setItem("gene-jobs:zone-name", "Europe/Berlin");
    const { result } = renderHook(() => useZoneName());
    expect(result.current).toBe("Europe/Berlin");
    act(() => vi.runAllTimers());
    expect(result.current).toBe("Asia/Shanghai");
    expect(localStorage.getItem("gene-jobs:zone-name")).toBe("Asia/Shanghai");
  });

  it("has no name on a first visit until Intl has been asked", () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useZoneName());
    expect(result.current).toBeNull();
    act(() => vi.runAllTimers());
    expect(result.current).toBe("Asia/Shanghai");
  });
});
