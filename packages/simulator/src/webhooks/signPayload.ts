import { createHmac } from "node:crypto";

/** X-Hub-Signature-256: HMAC-SHA256 of the exact body bytes. */
export function signPayload(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** The legacy X-Hub-Signature (SHA-1) GitHub still sends alongside. */
export function signPayloadSha1(secret: string, body: string): string {
  return `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
}
