import { describe, expect, it } from "vitest";
import { DEMO_PROJECTS } from "./projects.ts";

describe("demo projects", () => {
  it("have a Chinese name and description for Chinese pages", () => {
    for (const project of DEMO_PROJECTS) {
      expect(project.nameZh, project.id).toMatch(/[\u4e00-\u9fff]/);
      expect(project.descriptionZh, project.id).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new Set(DEMO_PROJECTS.map((p) => p.nameZh)).size).toBe(DEMO_PROJECTS.length);
  });
});
