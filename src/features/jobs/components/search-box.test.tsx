// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SearchBox } from "./search-box";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const box = () => screen.getByRole("searchbox") as HTMLInputElement;

describe("SearchBox", () => {
  it("searches once typing pauses, with the trimmed text", () => {
    const onSearch = vi.fn();
    render(<SearchBox value="" onSearch={onSearch} />);
    fireEvent.change(box(), { target: { value: "ONC" } });
    act(() => vi.advanceTimersByTime(299));
    fireEvent.change(box(), { target: { value: " ONC26 " } });
    act(() => vi.advanceTimersByTime(299));
    expect(onSearch).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onSearch).toHaveBeenCalledExactlyOnceWith("ONC26");
  });

  it("searches at once on Enter, and not again when the pause ends", () => {
    const onSearch = vi.fn();
    render(<SearchBox value="" onSearch={onSearch} />);
    fireEvent.change(box(), { target: { value: "tumor" } });
    fireEvent.keyDown(box(), { key: "Enter" });
    act(() => vi.advanceTimersByTime(1_000));
    expect(onSearch).toHaveBeenCalledExactlyOnceWith("tumor");
  });

  it("follows the address when it changes, and never puts the old search back", () => {
    const onSearch = vi.fn();
    const { rerender } = render(<SearchBox value="ONC26-9917" onSearch={onSearch} />);
    rerender(<SearchBox value="" onSearch={onSearch} />);
    expect(box().value).toBe("");
    act(() => vi.advanceTimersByTime(1_000));
    expect(onSearch).not.toHaveBeenCalled();
  });

  it("drops what was being typed when a link changes the address mid-pause", () => {
    const onSearch = vi.fn();
    const { rerender } = render(<SearchBox value="" onSearch={onSearch} />);
    fireEvent.change(box(), { target: { value: "half-typed" } });
    rerender(<SearchBox value="ONC26" onSearch={onSearch} />);
    expect(box().value).toBe("ONC26");
    act(() => vi.advanceTimersByTime(1_000));
    expect(onSearch).not.toHaveBeenCalled();
  });

  it("does not search when the text is back to what the address has", () => {
    const onSearch = vi.fn();
    render(<SearchBox value="ONC" onSearch={onSearch} />);
    fireEvent.change(box(), { target: { value: "ONC2" } });
    fireEvent.change(box(), { target: { value: "ONC " } });
    act(() => vi.advanceTimersByTime(1_000));
    expect(onSearch).not.toHaveBeenCalled();
  });
});
