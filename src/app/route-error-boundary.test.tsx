// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RouteErrorBoundary } from "./route-error-boundary";

function Boom(): never {
  throw new Error("kaboom");
}

afterEach(cleanup);

describe("RouteErrorBoundary", () => {
  it("shows the error page instead of a blank one, and a new page after navigating away", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    render(
      <MemoryRouter initialEntries={["/broken"]}>
        <RouteErrorBoundary>
          <Routes>
            <Route path="/" element={<p>projects</p>} />
            <Route path="/broken" element={<Boom />} />
          </Routes>
        </RouteErrorBoundary>
      </MemoryRouter>,
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Something went wrong");
    expect(alert.textContent).toContain("kaboom");
    await act(async () => {
      fireEvent.click(screen.getByRole("link", { name: "Back to projects" }));
    });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("projects")).toBeTruthy();
  });
});
