// A small syntax check for the Mermaid gantt blocks phaseChart writes, following the gantt grammar's
// lexical rules: task text may not hold ":" "#" ";", task data may not hold "#" ";", dates must match the
// declared dateFormat. Throws with the offending line so a failing test says what broke.

export interface GanttTask {
  label: string;
  tags: string[];
  id: string;
  start: string;
  end: string;
}

export interface Gantt {
  title: string;
  dateFormat: string;
  sections: string[];
  tasks: GanttTask[];
}

const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DURATION = /^\d+(?:\.\d+)?(?:ms|[smhdwy])$/;
const TAGS = new Set(["done", "active", "crit", "milestone"]);

export function checkMermaidGantt(block: string): Gantt {
  const lines = block.split("\n");
  const fail = (message: string, line?: string): never => {
    throw new Error(`${message}${line === undefined ? "" : `: ${JSON.stringify(line)}`}`);
  };
  if (lines[0] !== "```mermaid") fail("block must open with ```mermaid", lines[0]);
  if (lines[lines.length - 1] !== "```") fail("block must close with ```", lines[lines.length - 1]);
  if (lines[1]?.trim() !== "gantt") fail("second line must be the gantt header", lines[1]);

  const gantt: Gantt = { title: "", dateFormat: "", sections: [], tasks: [] };
  const ids = new Set<string>();
  for (const raw of lines.slice(2, -1)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("%%")) continue;
    let match: RegExpExecArray | null;
    if ((match = /^title ([^\n#;]+)$/.exec(line))) gantt.title = match[1] ?? "";
    else if ((match = /^dateFormat ([^\n#;]+)$/.exec(line))) gantt.dateFormat = match[1] ?? "";
    else if (/^axisFormat [^\n#;]+$/.test(line)) continue;
    else if (/^todayMarker (off|[^\n;]+)$/.test(line)) continue;
    else if ((match = /^section ([^\n#:;]+)$/.exec(line))) gantt.sections.push(match[1] ?? "");
    else if ((match = /^([^:#;\n]+):([^#;\n]+)$/.exec(line))) {
      const label = (match[1] ?? "").trim();
      if (label === "") fail("task without text", raw);
      if (gantt.sections.length === 0) fail("task before any section", raw);
      const parts = (match[2] ?? "").split(",").map((part) => part.trim());
      const tags: string[] = [];
      while (parts[0] !== undefined && TAGS.has(parts[0])) tags.push(parts.shift() as string);
      const [id, start, end, ...extra] = parts;
      if (extra.length > 0 || id === undefined || start === undefined || end === undefined) {
        fail("task data must be [tags,] id, start, end", raw);
      }
      if (!/^[A-Za-z_][\w-]*$/.test(id as string)) fail("bad task id", raw);
      if (ids.has(id as string)) fail("duplicate task id", raw);
      ids.add(id as string);
      if (!DATE.test(start as string) || Number.isNaN(Date.parse((start as string).replace(" ", "T")))) {
        fail("start does not match dateFormat", raw);
      }
      if (DATE.test(end as string)) {
        if ((end as string) < (start as string)) fail("task ends before it starts", raw);
      } else if (!DURATION.test(end as string)) fail("end is neither a date nor a duration", raw);
      gantt.tasks.push({ label, tags, id: id as string, start: start as string, end: end as string });
    } else fail("unrecognised line", raw);
  }
  if (gantt.dateFormat !== "YYYY-MM-DD HH:mm:ss") fail("unexpected dateFormat", gantt.dateFormat);
  return gantt;
}

/** The one ```mermaid block in a document. */
export function extractMermaid(markdown: string): string {
  const start = markdown.indexOf("```mermaid");
  if (start === -1) throw new Error("no mermaid block");
  const end = markdown.indexOf("\n```", start + 3);
  if (end === -1) throw new Error("unterminated mermaid block");
  return markdown.slice(start, end + 4);
}
