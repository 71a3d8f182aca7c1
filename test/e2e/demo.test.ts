import { describe, expect, it } from "vitest";
import { playDemo } from "../../demo/playDemo.js";
import { FULL } from "../harness/index.js";
import type { World } from "../harness/index.js";

// Issue 18, item 18: `npm run demo` shows what people really did. Every comment a person posted is in the
// transcript word for word, every push a person made is a step of its own with the lines it changed
// (the post-mortem's action items are edited on screen, not off it), and nothing fails along the way.

interface Seen {
  comments: Array<{ user: string; number: number; body: string }>;
  pushes: Array<{ actor: string; ref: string }>;
  mergedActionItems: string[];
}

async function whatHappened(w: World): Promise<Seen> {
  const comments: Seen["comments"] = [];
  for (let number = 1; number < 50; number++) {
    for (const c of w.sim.comments(FULL, number))
      if (!c.user.endsWith("[bot]")) comments.push({ user: c.user, number, body: c.body });
  }
  // GitHub's own record of pushes (the repository activity API), not the demo's.
  const { data } = await w.as("dave").request("GET /repos/{owner}/{repo}/activity", {
    owner: "acme",
    repo: "shop",
    per_page: 100,
  });
  // Pushes and the branches they created; merges are narrated as merges.
  const pushes = (data as Array<{ actor: { login: string } | null; ref: string; activity_type: string }>)
    .filter((a) => a.activity_type === "push" || a.activity_type === "branch_creation")
    .filter((a) => a.actor !== null && !a.actor.login.endsWith("[bot]"))
    .map((a) => ({ actor: a.actor?.login ?? "", ref: a.ref.replace(/^refs\/heads\//, "") }));
  const path = w.sim.files(FULL, "main").find((p) => p.startsWith("docs/postmortems/")) ?? "";
  const merged = w.sim.file(FULL, "main", path) ?? "";
  const mergedActionItems = (merged.split("## Action items")[1] ?? "")
    .split("\n")
    .filter((line) => /^- \[[ x]\] /.test(line));
  return { comments, pushes, mergedActionItems };
}

describe("npm run demo", () => {
  it("narrates exactly what people typed and pushed, the post-mortem's edit included", async () => {
    const lines: string[] = [];
    let seen: Seen | undefined;
    const result = await playDemo(
      (line) => lines.push(line),
      async (w) => {
        seen = await whatHappened(w);
      },
    );
    expect(result.ok).toBe(true);
    const transcript = lines.join("\n");
    expect(seen).toBeDefined();
    const { comments, pushes, mergedActionItems } = seen!;

    expect(comments.length).toBeGreaterThanOrEqual(5);
    for (const c of comments) {
      const typed = c.body
        .split("\n")
        .map((line) => `   › ${line}`)
        .join("\n");
      expect(transcript, `${c.user}'s comment on #${c.number}`).toContain(
        `👤 ${c.user} comments on #${c.number}:\n${typed}`,
      );
    }

    // Every push by a person is its own step, the post-mortem's edit among them.
    expect(pushes.some((p) => p.ref.startsWith("expedite/postmortem-"))).toBe(true);
    for (const p of pushes) expect(transcript).toContain(`👤 ${p.actor} pushes to \`${p.ref}\``);
    // What the merged post-mortem says under Action items was shown being written.
    expect(mergedActionItems.length).toBeGreaterThanOrEqual(3);
    for (const item of mergedActionItems) expect(transcript).toContain(`   + ${item}`);
    // The edit is shown before the merge it leads to.
    const edit = transcript.indexOf("pushes to `expedite/postmortem-");
    const merge = transcript.indexOf("merges the post-mortem");
    expect(edit).toBeGreaterThan(0);
    expect(merge).toBeGreaterThan(edit);
  });
});
