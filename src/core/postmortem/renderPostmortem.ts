import Mustache from "mustache";
import type { Config } from "../config/schema.js";
import type { Incident } from "../types.js";
import { postmortemView } from "./postmortemView.js";

/** Where the bundled template lives; a repository may replace it with its own of the same name. */
export const DEFAULT_POSTMORTEM_TEMPLATE = "templates/postmortem.md.mustache";

/** The post-mortem document, pre-filled from the incident record. The template text is the caller's. */
export function renderPostmortem(
  template: string,
  incident: Incident,
  config: Config,
  ctx: Parameters<typeof postmortemView>[2],
): string {
  const rendered = Mustache.render(template, postmortemView(incident, config, ctx));
  // One trailing newline and no runs of blank lines left behind by empty sections.
  return `${rendered.replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
