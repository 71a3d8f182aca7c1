// The test harness: one simulated GitHub with Expedite running against it (the World), people acting on
// it, and loopback stand-ins for the outside channels. The end-to-end and reliability tests, the demo
// and the benchmarks all drive Expedite through this module; README.md beside it is the guide.
export {
  World,
  OWNER,
  REPO,
  FULL,
  APP_ID,
  APP_SLUG,
  BOT,
  ACTIONS_BOT,
  PEOPLE,
  formBody,
  minutes,
} from "./world.js";
export type { Mode, WorldOptions } from "./world.js";
export {
  comment,
  editComment,
  openPull,
  addLabel,
  removeLabel,
  openIncident,
  SEV1,
  SEV2,
  SEV3,
  SEV4,
} from "./people.js";
export {
  HttpReceiver,
  MailReceiver,
  slackReceiver,
  teamsReceiver,
  pagerdutyReceiver,
  webhookReceiver,
  startReceivers,
} from "./receivers.js";
export type { Received, Failure } from "./receivers.js";
