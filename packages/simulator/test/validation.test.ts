import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { SERVED_OPERATIONS, type Simulator, personClient } from "../src/index.js";
import { handlers } from "../src/routes/index.js";
import { OpenApiValidator } from "../src/validation/openApiValidator.js";
import { operationsDocument } from "../src/validation/operationsDocument.js";
import { WebhookValidator } from "../src/validation/webhookValidator.js";
import { REPO, startWorld } from "./support.js";

let sim: Simulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const repo = { owner: "acme", repo: "shop" };
// Typed as plain strings so the deliberately wrong parameters below get past Octokit's types.
const CREATE_LABEL: string = "POST /repos/{owner}/{repo}/labels";
const CREATE_COMMENT: string = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";

describe("OpenAPI validation of requests", () => {
  it("refuses a request that does not match GitHub's description, and records it", async () => {
    const world = await startWorld();
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const badLabel = await alice
      .request(CREATE_LABEL, { ...repo, name: "incident", color: 123 })
      .catch((e) => e);
    expect(badLabel.status).toBe(422);
    expect(badLabel.response.data.message).toBe(
      "Simulator: request does not match the OpenAPI description of POST /repos/{owner}/{repo}/labels: body/color must be string",
    );
    expect(badLabel.response.data.documentation_url).toMatch(/^https:\/\/docs\.github\.com/);
    await expect(alice.issues.getLabel({ ...repo, name: "incident" })).rejects.toMatchObject({ status: 404 });

    const { data: issue } = await alice.issues.create({ ...repo, title: "x" });
    const noBody = await alice
      .request(CREATE_COMMENT, {
        ...repo,
        issue_number: issue.number,
      })
      .catch((e) => e);
    expect(noBody.status).toBe(422);
    expect(noBody.response.data.message).toContain("must have required property 'body'");
    const badQuery = await alice.issues.listForRepo({ ...repo, state: "bogus" as "open" }).catch((e) => e);
    expect(badQuery.status).toBe(422);
    expect(sim.comments(REPO, issue.number)).toEqual([]);
    expect(sim.validationErrors).toHaveLength(3);
    expect(sim.validationErrors[0]).toContain("POST /repos/{owner}/{repo}/labels");
  });

  it("can be switched off", async () => {
    const world = await startWorld({ validate: false });
    sim = world.sim;
    const alice = personClient(sim, "alice");
    const error = await alice.request(CREATE_LABEL, { ...repo, name: "x", color: 123 }).catch((e) => e);
    // Without validation the handler sees a colour that is not a hex string and refuses it itself.
    expect(error.status).toBe(422);
    expect(error.response.data.message).toBe("Validation Failed");
    expect(sim.validationErrors).toEqual([]);
  });
});

describe("validators", () => {
  it("flag a response body that does not match its schema", () => {
    const problems = OpenApiValidator.shared().validateResponse(
      "GET /repos/{owner}/{repo}/labels/{name}",
      200,
      {
        id: "1",
        name: "x",
      },
    );
    expect(problems).toContain("response/id must be integer");
    expect(problems).toContain("response must have required property 'color'");
  });

  it("flag a webhook payload with a key the schema does not allow", () => {
    const problems = WebhookValidator.shared().validate("label", {
      action: "created",
      label: {
        id: 1,
        node_id: "x",
        url: "https://x.test",
        name: "a",
        color: "ffffff",
        default: false,
        description: null,
      },
      repository: {},
      sender: {},
      surprise: true,
    });
    expect(problems.some((p) => p.includes("surprise"))).toBe(true);
  });
});

describe("operations.json", () => {
  it("holds exactly the served operations, each with a handler, from the installed @octokit/openapi", () => {
    const document = operationsDocument();
    expect(Object.keys(document.operations).sort()).toEqual([...SERVED_OPERATIONS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...SERVED_OPERATIONS].sort());
    const require = createRequire(import.meta.url);
    const spec = require.resolve("@octokit/openapi/generated/api.github.com.json");
    const { version } = JSON.parse(
      readFileSync(spec.replace(/generated\/api\.github\.com\.json$/, "package.json"), "utf8"),
    ) as {
      version: string;
    };
    expect(document.source).toBe(`@octokit/openapi@${version}`);
    expect(document.generatedBy).toBe("scripts/extract-openapi.ts");
  });
});
