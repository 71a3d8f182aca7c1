// The slug goes into a file name and a branch-safe path, so it is plain lower-case ASCII words only.

const MAX_SLUG = 50;
// Issue forms and people often prefix titles with "[Incident]"; it says nothing in a post-mortem file name.
const INCIDENT_PREFIX = /^\s*\[\s*incident\s*\]\s*[:\-–—]?\s*/i;

/** "[Incident] Checkout is DOWN — café payments" → "checkout-is-down-cafe-payments". Never empty. */
export function slugify(title: string): string {
  const words = stripIncidentPrefix(title)
    // Decompose so "café" keeps its "e" once the accent is dropped below.
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((word) => word !== "");
  let slug = "";
  for (const word of words) {
    const next = slug === "" ? word : `${slug}-${word}`;
    if (next.length > MAX_SLUG) {
      // A single giant word still yields something; otherwise stop at a word boundary.
      if (slug === "") slug = word.slice(0, MAX_SLUG);
      break;
    }
    slug = next;
  }
  return slug === "" ? "incident" : slug;
}

/** The title without a leading "[Incident]" tag, for file names and document headings. */
export function stripIncidentPrefix(title: string): string {
  return title.replace(INCIDENT_PREFIX, "");
}
