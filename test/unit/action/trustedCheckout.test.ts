import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { trustedCheckout } from "../../../src/action/trustedCheckout.js";

const REPO = { owner: "Acme", repo: "Shop" };

function workspace(head: string | undefined, config: string | undefined, gitIsFile = false): string {
  const dir = mkdtempSync(join(tmpdir(), "expedite-ws-"));
  if (gitIsFile) {
    writeFileSync(join(dir, ".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
    return dir;
  }
  mkdirSync(join(dir, ".git"));
  if (head !== undefined) writeFileSync(join(dir, ".git", "HEAD"), head);
  if (config !== undefined) writeFileSync(join(dir, ".git", "config"), config);
  return dir;
}

const origin = (url: string) =>
  `[core]\n\trepositoryformatversion = 0\n[remote "upstream"]\n\turl = https://github.com/other/thing\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n`;

describe("trustedCheckout", () => {
  it.each([
    "https://github.com/acme/shop",
    "https://github.com/acme/shop.git",
    "https://github.example.com/Acme/Shop/",
    "git@github.com:acme/shop.git",
    "ssh://git@github.com/acme/shop.git",
  ])("believes the default branch checked out from %s", (url) => {
    const dir = workspace("ref: refs/heads/main\n", origin(url));
    expect(trustedCheckout(dir, REPO, "main")).toEqual({ trusted: true, root: dir });
  });

  it("reads CRLF files", () => {
    const dir = workspace(
      "ref: refs/heads/main\r\n",
      origin("https://github.com/acme/shop").replace(/\n/g, "\r\n"),
    );
    expect(trustedCheckout(dir, REPO, "main").trusted).toBe(true);
  });

  it.each([
    ["no workspace", undefined, "main", /no workspace/],
    ["an unknown default branch", "ws", undefined, /default branch is not known/],
  ])("does not believe %s", (_what, ws, branch, reason) => {
    const dir =
      ws === undefined
        ? undefined
        : workspace("ref: refs/heads/main\n", origin("https://github.com/acme/shop"));
    expect(trustedCheckout(dir, REPO, branch)).toEqual({
      trusted: false,
      reason: expect.stringMatching(reason),
    });
  });

  it.each([
    [
      "a detached HEAD (a pull request's merge commit)",
      "3f2a9c1d0e4b5a6978877665544332211000ffee\n",
      "https://github.com/acme/shop",
    ],
    ["another branch", "ref: refs/heads/feature\n", "https://github.com/acme/shop"],
    [
      "a branch whose name only starts like the default one",
      "ref: refs/heads/main-old\n",
      "https://github.com/acme/shop",
    ],
    ["another repository", "ref: refs/heads/main\n", "https://github.com/mallory/shop"],
    [
      "a repository whose name only ends like this one",
      "ref: refs/heads/main\n",
      "https://github.com/acme/not-shop",
    ],
  ])("does not believe %s", (_what, head, url) => {
    expect(trustedCheckout(workspace(head, origin(url)), REPO, "main").trusted).toBe(false);
  });

  it("does not believe a checkout without an origin, without HEAD, or whose .git is a file", () => {
    expect(
      trustedCheckout(workspace("ref: refs/heads/main\n", "[core]\n\tbare = false\n"), REPO, "main").trusted,
    ).toBe(false);
    expect(
      trustedCheckout(workspace(undefined, origin("https://github.com/acme/shop")), REPO, "main").trusted,
    ).toBe(false);
    expect(trustedCheckout(workspace(undefined, undefined, true), REPO, "main")).toEqual({
      trusted: false,
      reason: ".git is not a directory",
    });
    expect(trustedCheckout(mkdtempSync(join(tmpdir(), "expedite-empty-")), REPO, "main").trusted).toBe(false);
  });
});
