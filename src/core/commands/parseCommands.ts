import { codeSpan, ECHO_LENGTH } from "../text/codeSpan.js";
import { matchCommand } from "./matchCommand.js";
import { parseArguments } from "./parseArguments.js";
import type { ParseContext, ParsedLine, Verb } from "./types.js";
import { usageFor } from "./commandTable.js";
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

/** At most this many commands are read from one comment; the rest get one refusal between them. */
export const MAX_COMMANDS_PER_COMMENT = 10;

// Every reconcile reads every comment of an incident again. Parsing is a pure function of the text and
// its context, so results are remembered (bounded, oldest out first) and an unchanged history costs one
// map look-up per comment instead of a parse.
const MEMO_LIMIT = 2_000;
const memo = new Map<string, readonly ParsedLine[]>();

/** Every command line of a comment, in order, each either a validated command or a refusal. */
export function parseCommands(body: string, ctx: ParseContext): ParsedLine[] {
  const key = `${ctx.at}\u0000${ctx.timeZone}\u0000${ctx.roles.join(",")}\u0000${body}`;
  const known = memo.get(key);
  if (known !== undefined) return [...known];
  const parsed = parseUncached(body, ctx);
  memo.set(key, parsed);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  return [...parsed];
}

function parseUncached(body: string, ctx: ParseContext): ParsedLine[] {
  const lines = visibleLines(body);
  const parsed: ParsedLine[] = [];
  let commands = 0;
  for (let index = 0; index < lines.length; index++) {
    const current = lines[index];
    const text = current?.text;
    if (current === undefined || text === null || text === undefined) continue;
    const head = matchCommand(text);
    if (head === undefined) continue;
    const source = text.trim();
    if (++commands > MAX_COMMANDS_PER_COMMENT) {
      // One comment cannot make the bot do (or answer) more than a handful of things.
      const more = lines.slice(index).filter((l) => l.text !== null && matchCommand(l.text) !== undefined);
      parsed.push({
        line: current.line,
        source,
        ok: false,
        verb: head.word,
        error:
          more.length > 1
            ? `I read at most ${MAX_COMMANDS_PER_COMMENT} commands from one comment, so I did not run this line or the ${more.length - 1} after it.`
            : `I read at most ${MAX_COMMANDS_PER_COMMENT} commands from one comment, so I did not run this line.`,
        usage: "Post the remaining commands in a new comment.",
      });
      break;
    }
    if (head.verb === undefined) {
      const suggestion = closestVerb(head.word);
      parsed.push({
        line: current.line,
        source,
        ok: false,
        verb: head.word,
        error: `${codeSpan("/" + head.word, ECHO_LENGTH)} is not a command I know. Did you mean \`/${suggestion}\`? \`/help\` lists them all.`,
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
