// The informative part of a failure message, for the list's status cell: the exception's own
// words rather than its class path. Pure, so it is tested on real-shaped GATK, Spark, YARN, OBS
// and Python messages; the whole message stays in the drawer.

const SUMMARY_MAX = 160;

/** A class name in a stack trace's words: `java.lang.OutOfMemoryError`, `ValueError:`. */
const EXCEPTION =
  /(?:\b[a-z_$][\w$]*\.)+([A-Z][\w$]*(?:Exception|Error))\b|\b([A-Z][\w$]*(?:Exception|Error))(?=:)/g;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}

function obsSummary(text: string): string | null {
  const status = /ResponseCode:\s*(\d{3})/.exec(text)?.[1];
  const code = /ErrorCode:\s*(\w+)/.exec(text)?.[1];
  if (!status && !code) return null;
  return ["ObsException", status, code].filter(Boolean).join(" ");
}

export function failureSummary(message: string): string {
  const text = message.trim();
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  // Python: the last line of a traceback says what went wrong.
  if (lines[0]?.startsWith("Traceback")) {
    return clip(lines.filter((line) => line && !line.startsWith("File ")).at(-1) ?? text);
  }
  const first = lines[0] ?? "";
  const gatk = /A USER ERROR has occurred:\s*(.+)/.exec(first);
  if (gatk?.[1]) return clip(gatk[1]);
  const yarn = /Container killed by YARN for exceeding memory limits/.exec(first);
  if (yarn) return yarn[0];
  // The innermost exception named on the first line, with the words after it.
  let last: RegExpExecArray | null = null;
  for (const match of first.matchAll(EXCEPTION)) last = match;
  if (!last) return clip(first);
  const name = (last[1] ?? last[2]) as string;
  if (name === "ObsException") return obsSummary(text) ?? name;
  const rest = first.slice((last.index ?? 0) + last[0].length).replace(/^:\s*/, "");
  return clip(rest ? `${name}: ${rest}` : name);
}
