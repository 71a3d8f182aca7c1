// 4. Action start-up: a cold `node dist/index.js` for an event that needs nothing (an `issues` event on an
// issue that is not an incident), next to a minimal @actions/core action bundled the same way.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { personClient } from "@expedite/github-simulator";
import { FULL, OWNER, REPO, startHarness } from "../lib/harness.js";
import { median } from "../lib/format.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface StartupRun {
  name: string;
  bundleBytes?: number;
  bundleGzipBytes?: number;
  runs: number;
  firstRequestMs: { median: number; min: number };
  totalMs: { median: number; min: number };
  /** Requests the run made, by route. */
  requests: Record<string, number>;
  exitCodes: number[];
}

/** The baseline bundled exactly as scripts/build-action.mjs bundles the Action. */
async function bundleBaseline(outdir: string): Promise<string> {
  const outfile = join(outdir, "hello.mjs");
  const { bundle } = (await import(pathToFileURL(join(ROOT, "scripts", "build-action.mjs")).href)) as {
    bundle: (entry: string, outfile: string) => Promise<void>;
  };
  await bundle(join(ROOT, "bench", "baseline", "hello.ts"), outfile);
  return outfile;
}

function run(
  script: string[],
  env: Record<string, string>,
): Promise<{ startedAt: number; endedAt: number; code: number }> {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const child = spawn(process.execPath, script, { cwd: ROOT, env, stdio: "ignore" });
    child.on("exit", (code) => resolve({ startedAt, endedAt: Date.now(), code: code ?? 1 }));
  });
}

export async function startup(iterations = 7): Promise<StartupRun[]> {
  const h = await startHarness({ config: { severity: { postmortem: [1] } } });
  const dir = mkdtempSync(join(tmpdir(), "expedite-bench-"));
  try {
    const hello = await bundleBaseline(dir);
    const dist = join(ROOT, "dist", "index.js");
    const d0 = h.sim.deliveries.length;
    await personClient(h.sim, "alice").rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: "Typo on the pricing page",
      body: "The word 'montly' on /pricing.",
    });
    const opened = h.sim.deliveries.slice(d0).find((d) => d.event === "issues" && d.action === "opened");
    if (!opened) throw new Error("startup: no issues.opened delivery recorded");
    const eventPath = join(dir, "event.json");
    writeFileSync(eventPath, JSON.stringify(opened.payload));
    const token = h.sim.actionsToken(FULL);
    const env = (): Record<string, string> => {
      const output = join(dir, `output-${Math.random()}`);
      const summary = join(dir, `summary-${Math.random()}`);
      writeFileSync(output, "");
      writeFileSync(summary, "");
      return {
        PATH: process.env.PATH ?? "",
        GITHUB_EVENT_NAME: "issues",
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_API_URL: h.sim.url,
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: FULL,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        INPUT_TOKEN: token,
        "INPUT_DRY-RUN": "false",
      };
    };
    const subjects = [
      { name: "node (empty script)", script: ["-e", "0"] },
      { name: "hello @actions/core action", script: [hello], file: hello },
      { name: "Expedite dist/index.js (no-op event)", script: [dist], file: dist },
    ];
    const samples = new Map(
      subjects.map((s) => [
        s.name,
        {
          first: [] as number[],
          total: [] as number[],
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the type is needed (tsc)
          requests: {} as Record<string, number>,
          codes: [] as number[],
        },
      ]),
    );
    // Interleaved, after one unmeasured run each (the file system cache is warm for everyone alike).
    for (let i = -1; i < iterations; i++) {
      for (const subject of subjects) {
        const r0 = h.sim.requests.length;
        const { startedAt, endedAt, code } = await run(subject.script, env());
        if (i < 0) continue;
        const mine = h.sim.requests.slice(r0).filter((r) => r.identity === "github-actions[bot]");
        const sample = samples.get(subject.name)!;
        if (mine.length > 0) sample.first.push(Math.min(...mine.map((r) => r.at)) - startedAt);
        sample.total.push(endedAt - startedAt);
        sample.requests = {};
        for (const r of mine) {
          const key = `${r.method} ${r.route}${r.status >= 400 ? ` → ${r.status}` : ""}`;
          sample.requests[key] = (sample.requests[key] ?? 0) + 1;
        }
        sample.codes.push(code);
      }
    }
    return subjects.map((subject) => {
      const sample = samples.get(subject.name)!;
      const size = subject.file ? statSync(subject.file).size : undefined;
      return {
        name: subject.name,
        ...(subject.file
          ? { bundleBytes: size, bundleGzipBytes: gzipSync(readFileSync(subject.file)).length }
          : {}),
        runs: sample.total.length,
        firstRequestMs: {
          median: sample.first.length ? median(sample.first) : Number.NaN,
          min: sample.first.length ? Math.min(...sample.first) : Number.NaN,
        },
        totalMs: { median: median(sample.total), min: Math.min(...sample.total) },
        requests: sample.requests,
        exitCodes: [...new Set(sample.codes)],
      };
    });
  } finally {
    await h.close();
  }
}
