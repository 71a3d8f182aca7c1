import { parseLocalMoment } from "../calendar/parseLocalMoment.js";
import type { Config, RosterEntry } from "../config/schema.js";

export interface OnCall {
  primary?: string;
  secondary?: string;
  /** The roster entry's name when one covered the moment (e.g. "Thanksgiving"). */
  period?: string;
}

/**
 * Who is on call at `at`. A roster entry covers [from, to) read in `zone`; a date-only `to` includes that
 * whole day. When entries overlap the shortest one wins, so a holiday period listed anywhere overrides the
 * regular rotation around it. Outside every entry the config's standing primary/secondary apply, and an
 * entry without a secondary keeps the standing one. A named office closure in `business_hours.holidays` with a
 * primary is a roster entry for its days. Logins come back without "@".
 */
export function onCallAt(
  oncall: Config["oncall"],
  zone: string,
  at: number,
  holidays?: Config["business_hours"]["holidays"],
): OnCall {
  let chosen: { entry: RosterEntry; length: number } | undefined;
  for (const entry of [...oncall.roster, ...holidayRoster(holidays)]) {
    const from = parseLocalMoment(entry.from, zone, "start");
    const to = parseLocalMoment(entry.to, zone, "end");
    if (from === undefined || to === undefined || at < from || at >= to) continue;
    if (!chosen || to - from < chosen.length) chosen = { entry, length: to - from };
  }
  const primary = chosen?.entry.primary ?? oncall.primary;
  const secondary = chosen?.entry.secondary ?? oncall.secondary;
  return {
    ...(primary !== undefined ? { primary: plainLogin(primary) } : {}),
    ...(secondary !== undefined ? { secondary: plainLogin(secondary) } : {}),
    ...(chosen?.entry.name !== undefined ? { period: chosen.entry.name } : {}),
  };
}

function plainLogin(handle: string): string {
  return handle.replace(/^@/, "");
}

function holidayRoster(holidays: Config["business_hours"]["holidays"] | undefined): RosterEntry[] {
  return (holidays?.closures ?? []).flatMap((closure) =>
    closure.primary === undefined
      ? []
      : [
          {
            name: closure.name,
            from: closure.from,
            to: closure.to,
            primary: closure.primary,
            ...(closure.secondary !== undefined ? { secondary: closure.secondary } : {}),
          },
        ],
  );
}
