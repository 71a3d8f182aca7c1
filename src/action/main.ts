// The Action's logic without running it: @github/local-action imports this file and calls run() itself
// (`npx @github/local-action run . src/action/main.ts .env`); run.ts is what a runner starts.
export { runAction as run } from "./runAction.js";
