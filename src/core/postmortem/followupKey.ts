import { createHash } from "node:crypto";

// Entities and word joiners are what our own neutralising adds; a person who retypes "@⁠bob" as "@bob"
// or "&lt;" as "<" while editing the post-mortem has not changed the action item.
const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&amp;": "&",
};

/** Undoes the HTML escaping `neutralize` applies, so text can be neutralised again without doubling. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The comparable form of an action item: no markup noise, one space, lower case. */
export function normaliseItemText(text: string): string {
  return decodeEntities(text.normalize("NFKC"))
    .replace(/\u2060/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** A short stable key for an action item, so each becomes exactly one follow-up issue. */
export function followupKey(text: string): string {
  return createHash("sha256").update(normaliseItemText(text)).digest("hex").slice(0, 12);
}
