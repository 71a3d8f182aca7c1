import { channelVariable } from "../core/config/pastedSecrets.js";

/** Looks up a runtime secret by environment-variable name. */
export type SecretSource = (variable: string) => string | undefined;

/** Where a channel's address or key comes from, and every secret value (to keep them out of text we write). */
export interface ChannelSecrets {
  /** The channel's address (Slack, Teams, webhook), routing key (PagerDuty) or SMTP URL (e-mail). */
  address(channel: string): string | undefined;
  /** The generic webhook's signing secret. */
  signingSecret(channel: string): string | undefined;
  /** Replaces any secret value (and its URL-decoded form) in a text with "[secret]". */
  redact(text: string): string;
}

/**
 * Secrets from the environment (`EXPEDITE_CHANNEL_<NAME>`, `EXPEDITE_CHANNEL_<NAME>_SECRET`), with the
 * Action's `channel-secrets` entries taking precedence.
 */
export function channelSecrets(
  env: SecretSource,
  named: ReadonlyMap<string, string> = new Map(),
): ChannelSecrets {
  const seen = new Set<string>();
  const remember = (value: string | undefined) => {
    if (value && value.length >= 6) seen.add(value);
    return value || undefined;
  };
  return {
    address: (channel) => remember(named.get(channel) ?? env(channelVariable(channel))),
    signingSecret: (channel) =>
      remember(named.get(`${channel}.secret`) ?? env(channelVariable(channel, "_SECRET"))),
    redact: (text) => {
      let out = text;
      for (const value of seen) {
        out = out.split(value).join("[secret]");
        try {
          const url = new URL(value);
          if (url.pathname.length > 1) out = out.split(url.pathname).join("/[secret]");
          if (url.password) out = out.split(url.password).join("[secret]");
        } catch {
          // not an address
        }
      }
      return out;
    },
  };
}

/**
 * The Action's `channel-secrets` input: one `name: value` per line (`name.secret: value` for a webhook's
 * signing secret). Lines that are empty or start with `#` are skipped.
 */
export function parseChannelSecretsInput(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (/^[a-z0-9][a-z0-9-]*(\.secret)?$/.test(name) && value !== "") found.set(name, value);
  }
  return found;
}
