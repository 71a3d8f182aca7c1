// App JWTs as GitHub checks them: RS256 signed by the App's key, `iss` = App id, and times checked
// against GitHub's clock (the simulator's) with a minute of drift allowed. The messages are GitHub's,
// which @octokit/auth-app recognises to correct clock skew from our Date header.
import { verify } from "node:crypto";
import type { World } from "../world/world.js";
import { HttpError } from "./httpError.js";

const DRIFT_SECONDS = 60;
const MAX_LIFETIME_SECONDS = 600;

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** Returns the App id the JWT authenticates, or throws GitHub's 401. */
export function verifyAppJwt(world: World, token: string): number {
  const [headerPart = "", payloadPart = "", signaturePart = ""] = token.split(".");
  const header = decodePart(headerPart);
  const payload = decodePart(payloadPart);
  if (!header || !payload || header.alg !== "RS256")
    throw new HttpError(401, "A JSON web token could not be decoded");
  const iss =
    typeof payload.iss === "string" && /^\d+$/.test(payload.iss) ? Number(payload.iss) : payload.iss;
  if (typeof iss !== "number" || !Number.isInteger(iss))
    throw new HttpError(401, "'Issuer' claim ('iss') must be an Integer");
  const app = world.apps.get(iss);
  if (!app?.publicKey) throw new HttpError(401, "Integration not found");
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  if (!verify("RSA-SHA256", signed, app.publicKey, Buffer.from(signaturePart, "base64url"))) {
    throw new HttpError(401, "A JSON web token could not be decoded");
  }
  const now = Math.floor(world.now() / 1000);
  const { iat, exp } = payload;
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > now + DRIFT_SECONDS) {
    throw new HttpError(
      401,
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    );
  }
  if (typeof exp !== "number" || !Number.isInteger(exp) || exp <= now) {
    throw new HttpError(
      401,
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
  }
  if (exp > now + MAX_LIFETIME_SECONDS + DRIFT_SECONDS) {
    throw new HttpError(401, "'Expiration time' claim ('exp') is too far in the future");
  }
  return iss;
}
