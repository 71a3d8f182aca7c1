import { FULL, comment } from "../test/harness/index.js";
import type { World } from "../test/harness/index.js";

const DIM = "\x1b[2m";
const BOLD = "\x1b[1m";
const CYAN = "\x1b[36m";
const GREEN = "\x1b[32m";
const RED = "\x1b[31m";
const RESET = "\x1b[0m";
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);

/** Where the transcript goes: the terminal for `npm run demo`, a list for the test that checks it. */
export type Out = (line: string) => void;

/**
 * Prints, after each step, what the bot changed on the simulated GitHub: a readable transcript. What people
 * type and push goes through `types` and `pushes`, which print exactly what is sent, so the narration
 * cannot drift from what happened.
 */
export class Narrator {
  readonly #seen = new Map<number, string>();
  readonly #labels = new Map<number, string>();
  readonly #checks = new Map<string, string>();
  constructor(
    private readonly world: World,
    private readonly out: Out,
  ) {}

  scene(title: string): void {
    this.out(`\n${paint(BOLD, `━━ ${title} ━━`)}`);
  }

  person(who: string, what: string): void {
    this.out(`${paint(CYAN, `👤 ${who}`)} ${what}`);
  }

  /** A person comments on an issue or pull request: the comment is printed as sent, line by line. */
  async types(who: string, number: number, body: string): Promise<number> {
    this.person(who, `comments on #${number}:`);
    for (const line of body.split("\n")) this.out(`   ${paint(CYAN, "›")} ${line}`);
    return comment(this.world, who, number, body);
  }

  /** A person pushes a commit: the lines it removes and adds are printed, then it is pushed. */
  pushes(who: string, branch: string, files: Record<string, string>, why: string): void {
    this.person(who, `pushes to \`${branch}\`: ${why}`);
    for (const [path, text] of Object.entries(files)) {
      const before = (this.world.sim.file(FULL, branch, path) ?? "").split("\n");
      const after = text.split("\n");
      this.out(paint(DIM, `   ${path}`));
      for (const line of before.filter((l) => l.trim() !== "" && !after.includes(l)))
        this.out(`   ${paint(RED, "-")} ${line}`);
      for (const line of after.filter((l) => l.trim() !== "" && !before.includes(l)))
        this.out(`   ${paint(GREEN, "+")} ${line}`);
    }
    this.world.sim.pushCommit({ repo: FULL, branch, files, author: who });
  }

  clock(text: string): void {
    this.out(
      paint(DIM, `⏱  ${text} — ${new Date(this.world.clock.now()).toISOString().replace(".000Z", "Z")}`),
    );
  }

  /** Everything the bot did since the last call. */
  report(numbers: number[]): void {
    const w = this.world;
    for (const number of numbers) {
      const labels = w.labels(number).join(", ");
      if (this.#labels.get(number) !== labels && labels !== "") {
        this.out(`   🤖 #${number} labels: ${labels}`);
        this.#labels.set(number, labels);
      }
      for (const comment of w.botComments(number)) {
        const before = this.#seen.get(comment.id);
        if (before === comment.body) continue;
        this.#seen.set(comment.id, comment.body);
        const kind = /^<!-- expedite:([a-z-]+)/.exec(comment.body)?.[1] ?? "comment";
        const verb = before === undefined ? "posted" : "updated";
        this.out(`   🤖 #${number} ${verb} ${kind}: ${headline(comment.body)}`);
      }
      const pull = w.sim.pull(FULL, number);
      if (pull) {
        for (const run of w.sim.checkRuns(FULL, pull.head.sha).filter((r) => r.name === "expedite/freeze")) {
          const line = `${run.conclusion} — ${run.output.title}`;
          const key = `${number}:${run.id}`;
          if (this.#checks.get(key) === line) continue;
          this.#checks.set(key, line);
          this.out(
            `   🤖 #${number} check expedite/freeze: ${paint(run.conclusion === "success" ? GREEN : RED, line)}`,
          );
        }
      }
    }
  }

  /** Prints a comment or file in full, indented. */
  show(title: string, text: string, maxLines = 60): void {
    this.out(paint(DIM, `   ┌─ ${title}`));
    const lines = text.replace(/^<!-- expedite:[^\n]*-->\n/, "").split("\n");
    for (const line of lines.slice(0, maxLines)) this.out(paint(DIM, "   │ ") + line);
    if (lines.length > maxLines) this.out(paint(DIM, `   │ … ${lines.length - maxLines} more lines`));
    this.out(paint(DIM, "   └─"));
  }
}

function headline(body: string): string {
  const lines = body
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("<!--") && !l.startsWith("{{"));
  const first = (lines[0] ?? "").replace(/^#+\s*/, "").trim();
  return first.length > 110 ? first.slice(0, 109) + "…" : first;
}
