import { IANAZone } from "luxon";

// Zones people append to a time. Abbreviations map to the region's zone rather than a fixed offset: at
// 3 a.m. "14:30 EST" in July almost always means New York time, not UTC-5.
const ABBREVIATIONS = new Map<string, string>([
  ["utc", "UTC"],
  ["gmt", "UTC"],
  ["z", "UTC"],
  ["et", "America/New_York"],
  ["est", "America/New_York"],
  ["edt", "America/New_York"],
  ["ct", "America/Chicago"],
  ["cst", "America/Chicago"],
  ["cdt", "America/Chicago"],
  ["mt", "America/Denver"],
  ["mst", "America/Denver"],
  ["mdt", "America/Denver"],
  ["pt", "America/Los_Angeles"],
  ["pst", "America/Los_Angeles"],
  ["pdt", "America/Los_Angeles"],
  ["bst", "Europe/London"],
  ["cet", "Europe/Paris"],
  ["cest", "Europe/Paris"],
]);

const OFFSET = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** A luxon zone name for "UTC", "+01:00", "UTC-3", "EST" or "Europe/Berlin"; undefined if it is none. */
export function timeZoneToken(token: string): string | undefined {
  const abbreviation = ABBREVIATIONS.get(token.toLowerCase());
  if (abbreviation !== undefined) return abbreviation;
  const offset = OFFSET.exec(token);
  if (offset !== null) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? "0");
    if (hours > 14 || minutes > 59) return undefined;
    return `UTC${offset[1]}${hours}${minutes > 0 ? `:${String(minutes).padStart(2, "0")}` : ""}`;
  }
  return token.includes("/") && IANAZone.isValidZone(token) ? token : undefined;
}
