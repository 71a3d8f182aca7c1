// The GitHub simulator: an in-memory api.github.com on loopback for tests and the demo.
// startSimulator() serves the REST operations listed in openapi/servedOperations.ts, checks every
// request and response against GitHub's OpenAPI description and every webhook payload against
// @octokit/webhooks-schemas (problems land in sim.validationErrors), sends signed webhooks for every
// change, and can inject HTTP and delivery faults. personClient() acts as a person over HTTP.
export { startSimulator } from "./startSimulator.js";
export { personClient } from "./personClient.js";
export { SERVED_OPERATIONS } from "./openapi/servedOperations.js";
export type {
  AppDefinition,
  Delivery,
  FaultRule,
  RecordedRequest,
  Role,
  SimCheckRun,
  SimComment,
  SimDeploymentRun,
  SimIssue,
  SimPull,
  Simulator,
  SimulatorOptions,
  WebhookFaults,
  WebhookTarget,
} from "./types.js";
