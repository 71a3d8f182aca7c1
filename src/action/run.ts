import { runAction } from "./runAction.js";

await runAction();
