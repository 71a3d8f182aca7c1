import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Dockerfile {
  instructions: Instruction[];
  /** The HEALTHCHECK's command (exec form). */
  healthcheck: string[];
  /** The CMD (exec form). */
  cmd: string[];
}

/**
 * The repository's Dockerfile read as Docker reads it: comments dropped, `\` continuations joined, one
 * instruction per logical line. No Docker engine is needed (there is none on these machines).
 */
export function dockerfile(text = readFileSync(`${ROOT}/Dockerfile`, "utf8")): Dockerfile {
  const instructions: Instruction[] = [];
  let pending = "";
  let start = 0;
  text.split("\n").forEach((raw, index) => {
    if (pending === "" && /^\s*#/.test(raw)) return;
    if (pending === "") start = index + 1;
    const continued = /\\\s*$/.test(raw);
    pending += `${raw.replace(/\\\s*$/, "")}${continued ? " " : ""}`;
    if (continued) return;
    const match = /^\s*(\w+)\s+(.*)$/.exec(pending);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start });
    pending = "";
  });
  const exec = (args: string) => JSON.parse(args) as string[];
  const health = instructions.find((i) => i.keyword === "HEALTHCHECK");
  const cmd = instructions.filter((i) => i.keyword === "CMD").at(-1);
  return {
    instructions,
    healthcheck: health ? exec(health.args.slice(health.args.indexOf("CMD") + 3).trim()) : [],
    cmd: cmd ? exec(cmd.args) : [],
  };
}
