import type { World } from "../test/e2e/support/world.js";
import { FULL } from "../test/e2e/support/world.js";

const DIM = "\x1b[2m";
const BOLD = "\x1b[1m";
const CYAN = "\x1b[36m";
const GREEN = "\x1b[32m";
const RED = "\x1b[31m";
const RESET = "\x1b[0m";
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);

/** Prints, after each step, what the bot changed on the simulated GitHub: a readable transcript. */
export class Narrator {
  readonly #seen = new Map<number, string>();
  readonly #labels = new Map<number, string>();
  readonly #checks = new Map<string, string>();
  constructor(private readonly world: World) {}

  scene(title: string): void {
    console.log(`\n${paint(BOLD, `━━ ${title} ━━`)}`);
  }

  person(who: string, what: string): void {
    console.log(`${paint(CYAN, `👤 ${who}`)} ${what}`);
  }

  clock(text: string): void {
    console.log(
      paint(DIM, `⏱  ${text} — ${new Date(this.world.clock.now()).toISOString().replace(".000Z", "Z")}`),
    );
  }

  /** Everything the bot did since the last call. */
  report(numbers: number[]): void {
    const w = this.world;
    for (const number of numbers) {
      const labels = w.labels(number).join(", ");
      if (this.#labels.get(number) !== labels && labels !== "") {
        console.log(`   🤖 #${number} labels: ${labels}`);
        this.#labels.set(number, labels);
      }
      for (const comment of w.botComments(number)) {
        const before = this.#seen.get(comment.id);
        if (before === comment.body) continue;
        this.#seen.set(comment.id, comment.body);
        const kind = /^<!-- expedite:([a-z-]+)/.exec(comment.body)?.[1] ?? "comment";
        const verb = before === undefined ? "posted" : "updated";
        console.log(`   🤖 #${number} ${verb} ${kind}: ${headline(comment.body)}`);
      }
      const pull = w.sim.pull(FULL, number);
      if (pull) {
        for (const run of w.sim.checkRuns(FULL, pull.head.sha).filter((r) => r.name === "expedite/freeze")) {
          const line = `${run.conclusion} — ${run.output.title}`;
          const key = `${number}:${run.id}`;
          if (this.#checks.get(key) === line) continue;
          this.#checks.set(key, line);
          console.log(
            `   🤖 #${number} check expedite/freeze: ${paint(run.conclusion === "success" ? GREEN : RED, line)}`,
          );
        }
      }
    }
  }

  /** Prints a comment or file in full, indented. */
  show(title: string, text: string, maxLines = 60): void {
    console.log(paint(DIM, `   ┌─ ${title}`));
    const lines = text.replace(/^<!-- expedite:[^\n]*-->\n/, "").split("\n");
    for (const line of lines.slice(0, maxLines)) console.log(paint(DIM, "   │ ") + line);
    if (lines.length > maxLines) console.log(paint(DIM, `   │ … ${lines.length - maxLines} more lines`));
    console.log(paint(DIM, "   └─"));
  }
}

function headline(body: string): string {
  const lines = body
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("<!--") && !l.startsWith("{{"));
  const first = (lines[0] ?? "").replace(/^#+\s*/, "").trim();
  return first.length > 110 ? first.slice(0, 109) + "…" : first;
}
