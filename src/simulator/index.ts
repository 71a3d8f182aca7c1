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
  SimIssue,
  SimPull,
  Simulator,
  SimulatorOptions,
  WebhookFaults,
  WebhookTarget,
} from "./types.js";
