import type { ConfigProblem } from "./parseConfig.js";

// Keys that would hold a channel's address or credentials. They have no place in the file: the file lives in
// the repository, which everyone with read access (and every fork) can see.
const SECRET_KEYS =
  /^(url|webhook|webhook_url|hook|hook_url|routing_key|integration_key|service_key|api_key|key|token|secret|signing_secret|password|pass|user|username|auth|smtp|smtp_url|host|port)$/i;

// Values that are secrets wherever they appear: webhook addresses that carry their own credentials,
// addresses with a password in them, PagerDuty integration keys.
const SECRET_VALUES: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /hooks\.slack\.com\/(services|workflows|triggers)\//i, what: "a Slack webhook address" },
  { pattern: /\.webhook\.office\.com\//i, what: "a Microsoft Teams webhook address" },
  { pattern: /\.logic\.azure\.com[:/]/i, what: "a Power Automate workflow address" },
  { pattern: /\.environment\.api\.powerplatform\.com[:/]/i, what: "a Power Automate workflow address" },
  { pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, what: "an address with a password in it" },
  { pattern: /[?&](sig|signature|token|key|secret|code)=/i, what: "an address that carries a key" },
  { pattern: /^[a-z0-9]{32}$/i, what: "something shaped like a PagerDuty integration key" },
  { pattern: /^xox[abprs]-/i, what: "a Slack token" },
];

/**
 * Secrets pasted into `.github/expedite.yml`, reported without repeating them. A channel's address, routing
 * key or SMTP password comes from the App's environment or the Action's `channel-secrets` input; finding one
 * in the file refuses the file, because a secret in the repository must be treated as leaked.
 */
export function pastedSecrets(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const visit = (node: unknown, path: string[]) => {
    if (typeof node === "string") {
      const found = SECRET_VALUES.find((s) => s.pattern.test(node.trim()));
      if (found) problems.push(problem(path, `this looks like ${found.what}`));
      return;
    }
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, String(i)]));
      return;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (path.length === 2 && path[0] === "channels" && SECRET_KEYS.test(key)) {
        problems.push(
          problem(
            [...path, key],
            `\`${key}\` would put the channel's address or credentials in the repository`,
          ),
        );
        continue;
      }
      visit(value, [...path, key]);
    }
  };
  visit(raw, []);
  return problems;
}

function problem(path: string[], why: string): ConfigProblem {
  const channel = path[0] === "channels" ? path[1] : undefined;
  const variable = channel ? channelVariable(channel) : "EXPEDITE_CHANNEL_<NAME>";
  return {
    key: path.join(".") || "(top level)",
    value: "(hidden: looks like a secret)",
    message:
      `${why}. Secrets never go in this file: remove it, rotate the secret (it is now in the repository's ` +
      `history), and give it to Expedite at run time instead — the App reads \`${variable}\` from its ` +
      `environment; the Action reads it from the \`channel-secrets\` input (\`${channel ?? "<name>"}: \${{ secrets.… }}\`). ` +
      "See docs/channels.md.",
  };
}

/** The environment variable that holds a channel's secret: `incidents-slack` → `EXPEDITE_CHANNEL_INCIDENTS_SLACK`. */
export function channelVariable(channel: string, suffix = ""): string {
  return `EXPEDITE_CHANNEL_${channel.toUpperCase().replace(/[^A-Z0-9]/g, "_")}${suffix}`;
}
