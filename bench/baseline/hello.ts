// The start-up baseline: a minimal @actions/core action that reads its token input, makes one API request
// and sets an output. Bundled at bench time with the same esbuild options as the Expedite Action.
import * as core from "@actions/core";

const token = core.getInput("token");
const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? "/").split("/");
const response = await fetch(
  `${process.env.GITHUB_API_URL ?? "https://api.github.com"}/repos/${owner}/${repo}`,
  {
    headers: { authorization: `Bearer ${token}`, accept: "application/vnd.github+json" },
  },
);
await response.arrayBuffer();
core.info(`hello from ${owner}/${repo}: ${response.status}`);
core.setOutput("status", String(response.status));
