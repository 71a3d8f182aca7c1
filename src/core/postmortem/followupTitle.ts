import { defuseMentions } from "../text/neutralize.js";

// Long enough to recognise the item in an issue list; the whole text is in the body.
const MAX_TITLE_TEXT = 100;

/**
 * A follow-up issue's title: the item's text clipped to a glance (by characters, so an emoji is never cut
 * in half), then the incident it came from. Titles are plain text, so no HTML escaping; mentions stay
 * defused as everywhere else.
 */
export function followupTitle(text: string, incidentNumber: number, prefix = ""): string {
  const chars = Array.from(text);
  const clipped =
    chars.length > MAX_TITLE_TEXT
      ? `${chars
          .slice(0, MAX_TITLE_TEXT - 1)
          .join("")
          .trimEnd()}…`
      : text;
  return `${prefix}${defuseMentions(clipped)} (incident #${incidentNumber})`;
}
