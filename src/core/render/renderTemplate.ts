import Mustache from "mustache";

// Every view value that came from a person is neutralised before it reaches a template, and templates
// insert those values with triple braces on purpose: mustache's own escaping would double-escape them
// and also mangle the markdown the bot writes itself.
export function renderTemplate(
  template: string,
  view: Record<string, unknown>,
  partials?: Record<string, string>,
): string {
  return Mustache.render(template, view, partials, { escape: (text: string) => text });
}
