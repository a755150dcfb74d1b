// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { lazyComponent } from "./lazy-component";

afterEach(cleanup);

function Page({ name }: { name: string }) {
  return <h1>{name}</h1>;
}

describe("lazyComponent", () => {
  it("shows its fallback until the code is here, then the component", async () => {
    let arrive: (component: typeof Page) => void = () => {};
    const part = lazyComponent(
      () => new Promise<typeof Page>((resolve) => (arrive = resolve)),
      () => <p>Loading…</p>,
    );
    render(<part.Component name="Projects" />);
    expect(screen.getByText("Loading…")).toBeTruthy();
    await act(async () => arrive(Page));
    expect(screen.getByRole("heading", { name: "Projects" })).toBeTruthy();
    expect(screen.queryByText("Loading…")).toBeNull();
  });

  it("renders nothing while loading when it has no fallback", () => {
    const part = lazyComponent(() => new Promise<typeof Page>(() => {}));
    const { container } = render(<part.Component name="Help" />);
    expect(container.innerHTML).toBe("");
  });
});
