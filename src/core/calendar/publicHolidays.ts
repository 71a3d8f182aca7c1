import Holidays from "date-holidays";

/** One public holiday as real instants: [start, end) already placed in the calendar's time zone. */
export interface PublicHoliday {
  name: string;
  start: number;
  end: number;
}

// Building a date-holidays instance parses the country's rule set, and every clock in a sweep asks about
// holidays, so instances and their per-year lists are kept for the life of the process.
const instances = new Map<string, Holidays>();
const years = new Map<string, readonly PublicHoliday[]>();

/**
 * The public holidays (date-holidays type "public" only: banks, schools and observances stay open) of
 * `country` ("US", "US-NY", "GB-ENG", "DE-BY") whose local date falls in `year` of `zone`. The library
 * gets the zone itself, so partial days (Christmas Eve from noon) and multi-day holidays keep their
 * true bounds. An unknown country simply has none.
 */
export function publicHolidays(country: string, zone: string, year: number): readonly PublicHoliday[] {
  const key = `${country}|${zone}|${year}`;
  const cached = years.get(key);
  if (cached) return cached;
  const list = holidaysFor(country, zone)
    .getHolidays(year, "en")
    .filter((holiday) => holiday.type === "public")
    .map((holiday) => ({ name: holiday.name, start: holiday.start.getTime(), end: holiday.end.getTime() }));
  years.set(key, list);
  return list;
}

function holidaysFor(country: string, zone: string): Holidays {
  const key = `${country}|${zone}`;
  let instance = instances.get(key);
  if (!instance) {
    const [code = "", state, region] = country.split("-");
    instance = new Holidays(
      { country: code, ...(state ? { state } : {}), ...(region ? { region } : {}) },
      { types: ["public"], languages: ["en"], timezone: zone },
    );
    instances.set(key, instance);
  }
  return instance;
}

/** Whether date-holidays knows `country` ("US", "US-NY", "DE-BY-A"): a typo would silently drop every holiday. */
export function isKnownHolidayRegion(country: string): boolean {
  const [code = "", state, region] = country.split("-");
  const catalogue = new Holidays();
  if (!(code in (catalogue.getCountries() ?? {}))) return false;
  if (state === undefined) return true;
  if (!(state in (catalogue.getStates(code) ?? {}))) return false;
  return region === undefined || region in (catalogue.getRegions(code, state) ?? {});
}
