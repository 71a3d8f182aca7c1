import { sign } from "@octokit/webhooks-methods";
import { randomUUID } from "node:crypto";

export const SECRET = "webhook-secret-for-tests";

/** Sends a webhook to the App the way GitHub does, optionally signed with the wrong secret or not at all. */
export async function deliver(
  url: string,
  event: string,
  payload: unknown,
  options: { signature?: "valid" | "wrong" | "none"; id?: string } = {},
): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": options.id ?? randomUUID(),
    "user-agent": "GitHub-Hookshot/test",
  };
  const mode = options.signature ?? "valid";
  if (mode !== "none")
    headers["x-hub-signature-256"] = await sign(mode === "valid" ? SECRET : "not-the-secret", body);
  return fetch(url, { method: "POST", headers, body });
}
