import { businessCalendar } from "../calendar/businessCalendar.js";
import type { Config } from "../config/schema.js";
import { durationMs } from "../time/parseDuration.js";

export interface AcknowledgeDeadline {
  dueAt: number;
  /** Whether the declaration fell inside business hours (which picked the allowance). */
  businessHours: boolean;
  allowanceMs: number;
}

/**
 * When someone must have acknowledged an incident. The allowance is chosen by the moment of declaration
 * alone and then runs in real elapsed time: declared at 19:55 on a business day, it is due at 20:10 even
 * though the office closed at 20:00, and DST changes neither lengthen nor shorten it.
 */
export function acknowledgeDeadline(declaredAt: number, config: Config): AcknowledgeDeadline {
  const businessHours = businessCalendar(config.business_hours).isBusinessTime(declaredAt);
  const allowanceMs = durationMs(
    businessHours ? config.acknowledge.within_business_hours : config.acknowledge.outside_business_hours,
  );
  return { dueAt: declaredAt + allowanceMs, businessHours, allowanceMs };
}
