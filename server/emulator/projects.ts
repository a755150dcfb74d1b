import type { Rng } from "./random.ts";
import type { DemoProject, JobType } from "./types.ts";

// The demo projects and what the generator puts in each. Ids are 32 hex
// characters, like real Huawei Cloud project ids, and fixed so that links,
// bookmarks and tests can name them.

export const ONCOLOGY_PROJECT_ID = "3f9c2a7e5b1d4c8e9a06f1b2d3c4e5a7";
export const POPULATION_PROJECT_ID = "8b1e4d2c6a9f40e3b7c5d1a2e9f08c34";
export const EMPTY_PROJECT_ID = "c47d2e9b1a3f4e5d8c6b0a9f7e1d2c3b";
export const EDGE_CASES_PROJECT_ID = "e1d9c0b8a7f64e5d9c3b2a1f0e8d7c6b";

export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    id: ONCOLOGY_PROJECT_ID,
    name: "Oncology WGS (demo)",
    description: "Tumor/normal WGS: ~1500 somatic and ~500 germline jobs over 90 days",
    nameZh: "肿瘤全基因组测序（演示）",
    descriptionZh: "肿瘤/正常配对全基因组测序：90 天内约 1,500 个体细胞作业和约 500 个胚系作业",
  },
  {
    id: POPULATION_PROJECT_ID,
    name: "Population germline (demo)",
    description: "Cohort germline calling: ~200 germline and ~20 somatic jobs",
    nameZh: "人群胚系变异检测（演示）",
    descriptionZh: "队列胚系变异检测：约 200 个胚系作业和约 20 个体细胞作业",
  },
  {
    id: EMPTY_PROJECT_ID,
    name: "New project (demo)",
    description: "No jobs yet",
    nameZh: "新建项目（演示）",
    descriptionZh: "还没有作业",
  },
  {
    id: EDGE_CASES_PROJECT_ID,
    name: "Edge cases (demo)",
    description: "Malformed, truncated, secret-bearing and huge jobs from the last 7 days",
    nameZh: "异常数据（演示）",
    descriptionZh: "最近 7 天内格式异常、被截断、含密钥和超大的作业",
  },
];

type LiveSeed = { type: JobType; agoMin: number; launchMin: number; runMin: number };

export type ProjectSpec = {
  seed: number;
  somatic: number;
  germline: number;
  owners: readonly string[];
  samples: (rng: Rng, type: JobType) => string;
  buckets: { raw: string; result: string; ref: string };
  live: readonly LiveSeed[];
};

const CELL_LINES = ["HCC1143", "HCC1187", "HCC1395", "HCC1954", "HCC38", "COLO829"] as const;
const GIAB = ["NA12878", "NA24385", "NA24631", "NA24143", "NA24149"] as const;
const pad = (n: number, width: number) => String(n).padStart(width, "0");

export const PROJECT_SPECS: Record<string, ProjectSpec> = {
  [ONCOLOGY_PROJECT_ID]: {
    seed: 20261,
    somatic: 1500,
    germline: 500,
    owners: ["onco-pipeline", "onco-pipeline", "zhang.wei", "li.na", "chen.jie", "h00251609"],
    // Patients rarely come back, and reference samples only now and then: a sample analysed
    // twice in a day is a duplicate the checks call out, not the weekly routine.
    // ONC26-9xxx are the scripted story's patients (story.ts).
    samples: (rng, type) =>
      type === "DNA_GERMLINE" && rng.chance(0.1)
        ? rng.pick(GIAB)
        : rng.chance(0.01)
          ? rng.pick(CELL_LINES)
          : `ONC26-${pad(rng.int(1, 8999), 4)}`,
    buckets: { raw: "onco-wgs-raw", result: "onco-wgs-results", ref: "onco-ref" },
    live: [
      { type: "DNA_SOMATIC", agoMin: 131, launchMin: 4, runMin: 290 },
      { type: "DNA_SOMATIC", agoMin: 47, launchMin: 3, runMin: 160 },
      { type: "DNA_SOMATIC", agoMin: 2, launchMin: 7, runMin: 150 },
      { type: "DNA_GERMLINE", agoMin: 26, launchMin: 2, runMin: 85 },
    ],
  },
  [POPULATION_PROJECT_ID]: {
    seed: 20262,
    somatic: 20,
    // With the story's week (a cohort batch and its failures), about 230 germline jobs.
    germline: 165,
    owners: ["popgen-batch", "popgen-batch", "liu.yang", "zhao.min", "sun.li"],
    // CHNPOP-06xxx are the scripted story's samples (story.ts).
    samples: (rng) => (rng.chance(0.05) ? rng.pick(GIAB) : `CHNPOP-${pad(rng.int(1, 4999), 5)}`),
    buckets: { raw: "popgen-cohort-raw", result: "popgen-cohort-vcf", ref: "popgen-ref" },
    live: [
      { type: "DNA_GERMLINE", agoMin: 65, launchMin: 3, runMin: 100 },
      { type: "DNA_GERMLINE", agoMin: 1, launchMin: 5, runMin: 70 },
    ],
  },
};
