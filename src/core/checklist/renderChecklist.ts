import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { renderMarker } from "../markers.js";
import { renderTemplate } from "../render/renderTemplate.js";
import { checklistFor } from "./checklistItems.js";

const ITEM_LINE = /^\s*[-*] \[([ xX])\] .*<!-- item:([a-z0-9-]+) -->\s*$/;

/** The ids a person ticked in the current checklist comment (people edit it by clicking the boxes). */
export function tickedItems(body: string | undefined): Set<string> {
  const ticked = new Set<string>();
  for (const line of (body ?? "").split(/\r?\n/)) {
    const match = ITEM_LINE.exec(line);
    if (match && match[1] !== " " && match[2] !== undefined) ticked.add(match[2]);
  }
  return ticked;
}

const PHASES = [
  { id: "now", title: "Straight away" },
  { id: "during", title: "While it lasts" },
  { id: "after", title: "Wrapping up" },
] as const;

/**
 * Items with a visible fact tick themselves; the rest keep whatever a person ticked, read back from the
 * existing comment so a re-render never unticks someone's work.
 */
export function renderChecklist(
  template: string,
  incident: Incident,
  config: Config,
  existingBody: string | undefined,
): string {
  const manual = tickedItems(existingBody);
  const items = checklistFor(incident, config);
  const phases = PHASES.map((phase) => ({
    title: phase.title,
    items: items
      .filter((item) => item.phase === phase.id)
      .map((item) => ({
        id: item.id,
        text: item.text,
        checked: item.fact ? item.fact(incident, config) : manual.has(item.id),
        auto: item.fact !== undefined,
      })),
  })).filter((phase) => phase.items.length > 0);
  const done = phases.flatMap((p) => p.items).filter((i) => i.checked).length;
  const total = phases.flatMap((p) => p.items).length;
  return (
    renderMarker("checklist") +
    "\n" +
    renderTemplate(template, { number: incident.number, severity: incident.severity, phases, done, total })
  );
}
