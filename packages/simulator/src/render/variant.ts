/** REST responses use open schemas with extra keys; webhook payload schemas are closed. */
export type Variant = "rest" | "webhook";
