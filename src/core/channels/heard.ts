import type { Config, MessageEvent } from "../config/schema.js";
import { FREEZE_EVENTS, RELEASE_EVENTS } from "../config/schema.js";

// Whether any channel hears a kind of message: without one, nothing about it is read or written, so a
// repository without such channels pays no GitHub request for them.

/** Freezes starting and ending, and exceptions granted (the deployments channel). */
export function freezesHeard(config: Config): boolean {
  return hears(config, config.deploys.channels, FREEZE_EVENTS);
}

/** Release announcements: with none, they are comments on the tracking issue instead. */
export function releasesHeard(config: Config): boolean {
  return hears(config, config.releases.channels, RELEASE_EVENTS);
}

function hears(config: Config, named: readonly string[], events: readonly MessageEvent[]): boolean {
  return (
    named.some((name) => config.channels[name] !== undefined) ||
    Object.values(config.channels).some((channel) => channel.events.some((e) => events.includes(e)))
  );
}
