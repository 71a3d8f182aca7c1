import { Ajv } from "ajv";
import addFormatsImport from "ajv-formats";

// ajv-formats is CommonJS: at runtime the default import is the plugin function itself.
const addFormats = addFormatsImport as unknown as typeof addFormatsImport.default;

/** ajv as the simulator uses it: draft-07, every error reported, formats checked, unknown keywords
 * (x-github, discriminator, readOnly…) tolerated. */
export function createAjv(options: { coerceTypes?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    logger: false,
    coerceTypes: options.coerceTypes ?? false,
  });
  addFormats(ajv);
  // Formats GitHub's descriptions use that ajv-formats does not define: accept any string.
  for (const format of ["repo.nwo", "ssh-key", "ssh-key fingerprint", "uri-template"]) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  return ajv;
}
