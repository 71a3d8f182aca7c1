import { renderTemplate } from "../render/renderTemplate.js";
import { neutralizeInline } from "../text/neutralize.js";
import type { Fact } from "./types.js";

/** The Markdown body of a message from the `message` template: title, summary, fact table, links. */
export function messageBody(
  template: string,
  title: string,
  summary: string,
  facts: readonly Fact[],
  links: ReadonlyArray<{ label: string; url: string }>,
): string {
  return renderTemplate(template, {
    title: neutralizeInline(title, 300),
    summary: neutralizeInline(summary, 3000),
    facts: facts.map((f) => ({
      label: neutralizeInline(f.label, 80),
      value: neutralizeInline(f.value, 800),
    })),
    links: links.map((l) => ({ label: neutralizeInline(l.label, 100), url: encodeURI(l.url) })),
  });
}

/** Collapsed to one line and clipped: titles and summaries. */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
