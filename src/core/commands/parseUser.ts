import { codeSpan, ECHO_LENGTH } from "../text/codeSpan.js";

// GitHub logins: letters, digits and hyphens, at most 39 characters. Older accounts may have doubled or
// trailing hyphens, so only the first character is held to the stricter rule.
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

export type UserToken = { user: string } | { error: string };

/**
 * Reads "@alice", "alice" or "me" from a command's argument word. The result carries no "@"; "me" (any
 * case) comes back as "me" for the caller to replace with the comment's author.
 */
export function parseUser(word: string): UserToken {
  const bare = word.replace(/^[(<]+|[.,;:!?)>]+$/g, "");
  const login = bare.startsWith("@") ? bare.slice(1) : bare;
  if (login.toLowerCase() === "me") return { user: "me" };
  if (login.includes("/")) {
    return { error: `${codeSpan(word, ECHO_LENGTH)} is a team; a role goes to one person.` };
  }
  if (!LOGIN.test(login)) {
    return { error: `${codeSpan(word, ECHO_LENGTH)} is not a GitHub username.` };
  }
  return { user: login };
}
