import { describe, expect, it } from "vitest";
import { parseJobsSearch } from "../../../contract/list-url";
import { en } from "../../../lib/i18n/en";
import { zh } from "../../../lib/i18n/zh";
import { parseJob } from "../api/job-schemas";
import { type CsvText, csvCell, csvText, exportFileName, toCsv, toJson } from "./export-jobs";

const wire = {
  job_id: "c0619372-983d-4861-9133-69a518fca074",
  owner: "h00251609",
  status: "FAILED",
  progress: "2/7",
  start_time: Date.UTC(2026, 10, 20, 8),
  duration: 700,
  message: 'BwaSpark failed: "index", missing\nline two',
  request: JSON.stringify({
    tumor_sample_name: "HCC1143_tumor",
    normal_sample_name: '=HYPERLINK("x")',
    ref: "hg38",
    output: "s3a://genes/out.vcf",
    access_encoded_key: "REAL-AK",
    secret_encoded_key: "REAL-SK",
    inputs: [{ sample_type: "tumor", sample_inputs: ["s3a://genes/t.bam"] }],
  }),
};
const somatic = parseJob(wire, 0);

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["样本-α", "样本-α"],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-cmd", "'-cmd"],
    ["@x", "'@x"],
    ["=a,b", `"'=a,b"`],
  ])("%j → %j", (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it("writes numbers as numbers and null as empty", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
  });
});

/** The words an English and a Chinese page pass in (use-export.ts builds these from the catalogue). */
const EN: CsvText = {
  headers: {
    job_id: "Job ID",
    status: "Status",
    started: "Started",
    started_utc: "Started (UTC)",
    duration_seconds: "Duration (s)",
    progress: "Progress",
    owner: "Owner",
    samples: "Samples",
    tumor_sample: "Tumor sample",
    normal_sample: "Normal sample",
    reference: "Reference",
    input_paths: "Input files",
    output_path: "Output (VCF)",
    message: "Message",
  },
  status: (code) => ({ FAILED: "Failed" })[code] ?? code,
  steps: (progress) => `${progress} steps`,
  tumorMark: "T",
  normalMark: "N",
  listJoin: ", ",
  malformed: "Malformed job",
  malformedBody: (problems) =>
    `DLI sent this job in a shape the dashboard cannot read: ${problems}.`,
};
const ZH: CsvText = {
  ...EN,
  headers: { ...EN.headers, job_id: "作业 ID", status: "作业状态", started: "创建时间" },
  status: (code) => ({ FAILED: "已失败" })[code] ?? `未知状态（${code}）`,
  steps: (progress) => `${progress} 步`,
  tumorMark: "肿瘤",
  normalMark: "正常",
  listJoin: "、",
};

/** The CSV as a spreadsheet reads it: header and rows of cells (a small RFC 4180 reader). */
function cells(csv: string): string[][] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const text = csv.slice(1);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

function record(csv: string, line = 1): Record<string, string> {
  const [header = [], ...rows] = cells(csv);
  return Object.fromEntries(header.map((name, i) => [name, rows[line - 1]?.[i] ?? ""]));
}

describe("toCsv", () => {
  it("writes headers in the page's language and the columns the table shows", () => {
    const csv = toCsv([somatic], EN, "local");
    expect(cells(csv)[0]).toEqual([
      "Job ID",
      "Status",
      "Started",
      "Started (UTC)",
      "Duration (s)",
      "Progress",
      "Owner",
      "Samples",
      "Tumor sample",
      "Normal sample",
      "Reference",
      "Input files",
      "Output (VCF)",
      "Message",
    ]);
    expect(record(csv)).toMatchObject({
      "Job ID": "c0619372-983d-4861-9133-69a518fca074",
      Status: "Failed",
      "Duration (s)": "700",
      Owner: "h00251609",
      "Tumor sample": "HCC1143_tumor",
      Reference: "hg38",
      "Input files": "s3a://genes/t.bam",
      "Output (VCF)": "s3a://genes/out.vcf",
      Message: 'BwaSpark failed: "index", missing\nline two',
    });
    expect(cells(toCsv([somatic], ZH, "local"))[0]?.slice(0, 3)).toEqual([
      "作业 ID",
      "作业状态",
      "创建时间",
    ]);
    expect(record(toCsv([somatic], ZH, "local")).作业状态).toBe("已失败");
  });

  it("writes the start time as the page shows it, with its offset, and a UTC column", () => {
    // 08:00 UTC is 16:00 in Shanghai (the tests' zone, vitest.config.ts).
    expect(record(toCsv([somatic], EN, "local"))).toMatchObject({
      Started: "2026-11-20 16:00:00 +08:00",
      "Started (UTC)": "2026-11-20T08:00:00.000Z",
    });
    expect(record(toCsv([somatic], EN, "utc")).Started).toBe("2026-11-20 08:00:00 +00:00");
  });

  it("keeps progress as text a spreadsheet cannot take for a date", () => {
    expect(record(toCsv([somatic], EN, "local")).Progress).toBe("2/7 steps");
    expect(record(toCsv([somatic], ZH, "local")).Progress).toBe("2/7 步");
    // DLI's own text is kept when it is not k/n; "9/7" is no progress, but still a date to Excel.
    const odd = (progress: string) =>
      record(toCsv([parseJob({ ...wire, progress }, 0)], EN, "local")).Progress;
    expect(odd("9/7")).toBe("9/7 steps");
    expect(odd("queued")).toBe("queued");
  });

  it("fills the samples column for somatic jobs as the table shows them", () => {
    expect(record(toCsv([somatic], EN, "local")).Samples).toBe(
      'T HCC1143_tumor / N =HYPERLINK("x")',
    );
    expect(record(toCsv([somatic], ZH, "local")).Samples).toBe(
      '肿瘤 HCC1143_tumor / 正常 =HYPERLINK("x")',
    );
    const germline = parseJob(
      {
        ...wire,
        request: JSON.stringify({ input: ["s3a://b/NA12878_1.fq.gz", "s3a://b/NA24385_1.fq.gz"] }),
      },
      0,
    );
    expect(record(toCsv([germline], ZH, "local")).Samples).toBe("NA12878、NA24385");
  });

  it("defuses formulas and leaves out credentials", () => {
    const csv = toCsv([somatic], EN, "local");
    expect(record(csv)["Normal sample"]).toBe('\'=HYPERLINK("x")');
    expect(csv).not.toMatch(/REAL-AK|REAL-SK/);
  });

  it("exports a malformed job as a row that says so, in the page's language", () => {
    const csv = toCsv([parseJob({ job_id: "x-1", status: 3 }, 0)], EN, "local");
    expect(record(csv)).toMatchObject({ "Job ID": "x-1", Status: "Malformed job" });
    expect(record(csv).Message).toMatch(/^DLI sent this job in a shape .*status/);
  });
});

describe("csvText", () => {
  it("takes every header and status word from the page's catalogue", () => {
    expect(cells(toCsv([somatic], csvText(zh), "local"))[0]).toEqual([
      "作业 ID",
      "作业状态",
      "创建时间",
      "创建时间（UTC）",
      "运行时长（秒）",
      "进度",
      "用户名",
      "样本",
      "肿瘤样本名称",
      "正常样本名称",
      "参考基因组",
      "输入文件",
      "输出路径（VCF）",
      "信息",
    ]);
    const zhText = csvText(zh);
    expect(zhText.status("CANCELING")).toBe("取消中");
    expect(zhText.status("SUSPENDED")).toBe("未知状态（SUSPENDED）");
    expect(csvText(en).status("FAILED")).toBe("Failed");
    expect(record(toCsv([somatic], csvText(zh), "local")).样本).toBe(
      '肿瘤 HCC1143_tumor / 正常 =HYPERLINK("x")',
    );
  });
});

describe("toJson", () => {
  it("keeps codes, UTC times and DLI's progress: for programs, not people", () => {
    const json = toJson([somatic]);
    expect(JSON.parse(json)[0]).toMatchObject({
      job_id: "c0619372-983d-4861-9133-69a518fca074",
      status: "FAILED",
      started: "2026-11-20T08:00:00.000Z",
      duration_seconds: 700,
      progress: "2/7",
      tumor_sample: "HCC1143_tumor",
      normal_sample: '=HYPERLINK("x")',
      samples: 'HCC1143_tumor =HYPERLINK("x")',
      reference: "hg38",
    });
    expect(json).not.toMatch(/REAL-AK|REAL-SK/);
  });

  it("marks a malformed job with the code MALFORMED", () => {
    expect(JSON.parse(toJson([parseJob({ job_id: "x-1", status: 3 }, 0)]))[0]).toMatchObject({
      job_id: "x-1",
      status: "MALFORMED",
    });
  });
});

describe("exportFileName", () => {
  const name = (query: string, ext: "csv" | "json" = "csv") =>
    exportFileName("0a1b2c", parseJobsSearch(new URLSearchParams(query)), ext);

  it("names project, type and range", () => {
    expect(name("")).toBe("gene-jobs_0a1b2c_DNA_SOMATIC_all-time.csv");
    expect(name("type=DNA_GERMLINE&range=7d", "json")).toBe(
      "gene-jobs_0a1b2c_DNA_GERMLINE_7d.json",
    );
    expect(name("from=2026-11-01&to=2026-11-20")).toBe(
      "gene-jobs_0a1b2c_DNA_SOMATIC_2026-11-01_2026-11-20.csv",
    );
    expect(name("from=2026-11-01T08:00:00Z")).toBe(
      "gene-jobs_0a1b2c_DNA_SOMATIC_2026-11-01T08-00-00Z_now.csv",
    );
  });
});
