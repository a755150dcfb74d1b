import { describe, expect, it } from "vitest";
import { parseJobsSearch } from "../../../contract/list-url";
import { parseJob } from "../api/job-schemas";
import { csvCell, exportFileName, toCsv, toJson } from "./export-jobs";

const somatic = parseJob(
  {
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
  },
  0,
);

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

describe("toCsv / toJson", () => {
  it("writes a header and decoded columns, and no credentials", () => {
    const csv = toCsv([somatic]);
    const [header, line] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe(
      "job_id,status,started,duration_seconds,progress,owner,tumor_sample,normal_sample,samples,reference,input_paths,output_path,message",
    );
    expect(line).toContain(
      "c0619372-983d-4861-9133-69a518fca074,FAILED,2026-11-20T08:00:00.000Z,700,2/7,h00251609,HCC1143_tumor",
    );
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain("s3a://genes/out.vcf");
    expect(csv).toContain('"BwaSpark failed: ""index"", missing\nline two"');
    expect(csv).not.toMatch(/REAL-AK|REAL-SK/);
    const json = toJson([somatic]);
    expect(JSON.parse(json)[0]).toMatchObject({
      job_id: "c0619372-983d-4861-9133-69a518fca074",
      reference: "hg38",
    });
    expect(json).not.toMatch(/REAL-AK|REAL-SK/);
  });

  it("exports a malformed job as a row that says so", () => {
    const csv = toCsv([parseJob({ job_id: "x-1", status: 3 }, 0)]);
    expect(csv).toContain("x-1,MALFORMED");
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
