import type { Identity } from "../world/records.js";
import type { World } from "../world/world.js";
import { HttpError } from "./httpError.js";
import { looksLikeJwt, verifyAppJwt } from "./verifyAppJwt.js";

/** Maps an Authorization header ("Bearer x", "token x") to who is calling, or throws 401. */
export function authenticate(world: World, header: string | undefined): Identity {
  if (!header) return { kind: "anonymous" };
  const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, "Bad credentials");
  const token = match[1]!;
  const record = world.tokens.get(token);
  if (record) {
    if (record.expiresAt !== undefined && record.expiresAt <= world.now())
      throw new HttpError(401, "Bad credentials");
    return record.identity;
  }
  if (looksLikeJwt(token)) return { kind: "app", appId: verifyAppJwt(world, token) };
  throw new HttpError(401, "Bad credentials");
}

export function identityName(identity: Identity): string {
  switch (identity.kind) {
    case "app":
      return `app:${identity.appId}`;
    case "anonymous":
      return "anonymous";
    default:
      return identity.login;
  }
}
