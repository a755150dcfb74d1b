// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../lib/i18n/messages";
import { setPreference } from "../lib/preferences";
import { StatusBadge } from "./status-badge";

beforeAll(() => loadCatalogue("zh-CN"));
afterEach(() => setPreference("locale", "en"));

describe("StatusBadge", () => {
  it("names the status and gives its code in the tooltip, in English", () => {
    setPreference("locale", "en");
    render(<StatusBadge status="FAILED" tone="bad" />);
    expect(screen.getByText("Failed").getAttribute("title")).toBe("Status code: FAILED");
  });

  it("says everything in Chinese on a Chinese page, an unknown status too", () => {
    setPreference("locale", "zh-CN");
    const { container } = render(
      <>
        <StatusBadge status="FAILED" tone="bad" />
        <StatusBadge status="SUSPENDED" tone="unknown" />
      </>,
    );
    const [failed, unknown] = container.querySelectorAll(".status");
    expect(failed?.textContent).toBe("已失败");
    expect(failed?.getAttribute("title")).toBe("状态代码：FAILED");
    expect(unknown?.textContent).toBe("未知状态（SUSPENDED）");
    expect(unknown?.getAttribute("title")).toBe("状态代码：SUSPENDED");
  });
});
