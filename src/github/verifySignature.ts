import { verify } from "@octokit/webhooks-methods";

/** Whether `signature` (X-Hub-Signature-256) is GitHub's HMAC of `body` with the webhook secret. */
export async function verifySignature(secret: string, body: string, signature: string): Promise<boolean> {
  return verify(secret, body, signature).catch(() => false);
}
