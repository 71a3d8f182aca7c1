// Hidden markers identify the bot's own comments: `<!-- expedite:KIND key=value ... -->` on the first line.
// They are only believed on comments whose author is a trusted bot login (see isTrustedBot).

export interface Marker {
  kind: string;
  data: Record<string, string>;
}

const MARKER = /^<!-- expedite:([a-z][a-z0-9-]*)((?: [a-z][a-z0-9-]*=[^\s<>]*)*) -->/;

export function renderMarker(kind: string, data: Record<string, string | number> = {}): string {
  const pairs = Object.entries(data).map(([key, value]) => ` ${key}=${encodeURIComponent(String(value))}`);
  return `<!-- expedite:${kind}${pairs.join("")} -->`;
}

export function parseMarker(body: string): Marker | undefined {
  const match = MARKER.exec(body);
  if (!match) return undefined;
  const data: Record<string, string> = {};
  for (const pair of (match[2] ?? "").trim().split(" ")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    try {
      data[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      return undefined;
    }
  }
  return { kind: match[1] ?? "", data };
}

/** The identity under which a bot-authored marker is trusted; several kinds are singletons per issue. */
export function markerIdentity(marker: Marker): string {
  switch (marker.kind) {
    case "board":
    case "checklist":
      return marker.kind;
    case "reply":
    case "exception":
    case "exception-audit":
      return `${marker.kind}:${marker.data.comment ?? ""}:${marker.data.line ?? ""}`;
    // One record per workflow run waiting on a deployment; its state changes in place.
    case "deploy-run":
      return `${marker.kind}:${marker.data.run ?? ""}`;
    default:
      if (Object.keys(marker.data).length === 0) return marker.kind;
      return `${marker.kind}:${Object.entries(marker.data)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join("&")}`;
  }
}

export function isTrustedBot(login: string, trusted: ReadonlySet<string>): boolean {
  return trusted.has(login.toLowerCase());
}
