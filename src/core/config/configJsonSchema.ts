import { z } from "zod";
import { configSchema } from "./schema.js";

/** JSON Schema of `.github/expedite.yml` (what people write, before defaults), for editors and docs. */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
  return (
    JSON.stringify(
      {
        ...schema,
        $id: "https://github.com/expedite/expedite/schema/expedite.schema.json",
        title: "Expedite configuration (.github/expedite.yml)",
      },
      null,
      2,
    ) + "\n"
  );
}
