// `npm run demo`: one incident from declaration to post-mortem against the real App server and the
// bundled GitHub simulator, printed as a transcript (the script is demo/playDemo.ts).
import { playDemo } from "./playDemo.js";

const result = await playDemo((line) => console.log(line));
if (!result.ok) process.exitCode = 1;
