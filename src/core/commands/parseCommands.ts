import { codeSpan } from "./codeSpan.js";
import { matchCommand } from "./matchCommand.js";
import { parseArguments } from "./parseArguments.js";
import type { ParseContext, ParsedLine, Verb } from "./types.js";
import { usageFor } from "./usage.js";
import { closestVerb } from "./verbWords.js";
import { visibleLines } from "./visibleLines.js";

// Verbs whose text may run on over the following lines of the same paragraph, so that
//   /resolve
//   Cache node ran out of memory; ...
// works the way people write it. The paragraph ends at a blank line, a hidden line or the next command.
const TAKES_PARAGRAPH = new Set<Verb>([
  "update",
  "mitigate",
  "resolve",
  "note",
  "deviation",
  "cancel",
  "freeze",
  "unfreeze",
  "freeze-exception",
]);

/** Every command line of a comment, in order, each either a validated command or a refusal. */
export function parseCommands(body: string, ctx: ParseContext): ParsedLine[] {
  const lines = visibleLines(body);
  const parsed: ParsedLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const current = lines[index];
    const text = current?.text;
    if (current === undefined || text === null || text === undefined) continue;
    const head = matchCommand(text);
    if (head === undefined) continue;
    const source = text.trim();
    if (head.verb === undefined) {
      const suggestion = closestVerb(head.word);
      parsed.push({
        line: current.line,
        source,
        ok: false,
        verb: head.word,
        error: `${codeSpan("/" + head.word)} is not a command I know. Did you mean \`/${suggestion}\`? \`/help\` lists them all.`,
        usage: usageFor(suggestion),
      });
      continue;
    }
    let args = head.rest;
    if (TAKES_PARAGRAPH.has(head.verb)) {
      const more: string[] = [];
      while (index + 1 < lines.length) {
        const next = lines[index + 1]?.text;
        if (next === null || next === undefined || next.trim() === "" || matchCommand(next) !== undefined)
          break;
        more.push(next.trim());
        index += 1;
      }
      if (more.length > 0) args = [args.trim(), ...more].filter((part) => part !== "").join("\n");
    }
    const result = parseArguments(head.verb, args, ctx);
    parsed.push(
      "command" in result
        ? { line: current.line, source, ok: true, command: result.command }
        : {
            line: current.line,
            source,
            ok: false,
            verb: head.verb,
            error: result.error,
            usage: usageFor(head.verb),
          },
    );
  }
  return parsed;
}
