import { renderLabel } from "../render/label.js";
import { HttpError, validationFailed } from "../http/httpError.js";
import type { LabelRecord, RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";
import { emitEvent } from "../webhooks/emitEvent.js";
import type { Actor } from "./actor.js";

// GitHub's colour for labels created implicitly by adding them to an issue.
const IMPLICIT_LABEL_COLOR = "ededed";

export function findLabel(repo: RepoRecord, name: string): LabelRecord | undefined {
  return repo.labels.get(name.toLowerCase());
}

function normalizeColor(color: unknown): string {
  const value = String((color as string | number | undefined) ?? IMPLICIT_LABEL_COLOR).replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(value)) {
    throw validationFailed({ resource: "Label", code: "invalid", field: "color" });
  }
  // GitHub keeps the case it was given ("B60205" stays upper case) and compares colours without it.
  return value;
}

export function createLabel(
  world: World,
  repo: RepoRecord,
  input: { name: string; color?: string; description?: string | null },
  actor: Actor,
): LabelRecord {
  const name = input.name.trim();
  if (name === "") throw validationFailed({ resource: "Label", code: "missing_field", field: "name" });
  if (findLabel(repo, name))
    throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
  const label: LabelRecord = {
    id: world.ids.next("label"),
    name,
    color: normalizeColor(input.color),
    description: input.description ?? null,
    isDefault: false,
  };
  repo.labels.set(name.toLowerCase(), label);
  emitEvent(world, repo, "label", "created", actor.login, { label: renderLabel(world, repo, label) });
  return label;
}

/** Adding an unknown label to an issue creates it, as GitHub does. */
export function ensureLabel(world: World, repo: RepoRecord, name: string, actor: Actor): LabelRecord {
  return findLabel(repo, name) ?? createLabel(world, repo, { name }, actor);
}

export function updateLabel(
  world: World,
  repo: RepoRecord,
  label: LabelRecord,
  input: { new_name?: string; color?: string; description?: string | null },
  actor: Actor,
): LabelRecord {
  const changes: Record<string, { from: string }> = {};
  if (input.new_name !== undefined && input.new_name !== label.name) {
    const clash = findLabel(repo, input.new_name);
    if (clash && clash !== label)
      throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
    changes.name = { from: label.name };
    repo.labels.delete(label.name.toLowerCase());
    label.name = input.new_name;
    repo.labels.set(label.name.toLowerCase(), label);
  }
  if (input.color !== undefined) {
    const color = normalizeColor(input.color);
    if (color.toLowerCase() !== label.color.toLowerCase()) changes.color = { from: label.color };
    label.color = color;
  }
  if (input.description !== undefined && input.description !== label.description) {
    changes.description = { from: label.description ?? "" };
    label.description = input.description;
  }
  if (Object.keys(changes).length > 0) {
    emitEvent(world, repo, "label", "edited", actor.login, {
      label: renderLabel(world, repo, label),
      changes,
    });
  }
  return label;
}

export function deleteLabel(world: World, repo: RepoRecord, name: string, actor: Actor): void {
  const label = findLabel(repo, name);
  if (!label) throw new HttpError(404, "Not Found");
  repo.labels.delete(label.name.toLowerCase());
  // GitHub drops a deleted label from every issue without labeled/unlabeled events.
  for (const issue of repo.issues.values()) issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  emitEvent(world, repo, "label", "deleted", actor.login, { label: renderLabel(world, repo, label) });
}

// The nine labels GitHub gives every new repository (name, colour, description), marked `default: true`.
const DEFAULT_LABELS: ReadonlyArray<readonly [string, string, string]> = [
  ["bug", "d73a4a", "Something isn't working"],
  ["documentation", "0075ca", "Improvements or additions to documentation"],
  ["duplicate", "cfd3d7", "This issue or pull request already exists"],
  ["enhancement", "a2eeef", "New feature or request"],
  ["good first issue", "7057ff", "Good for newcomers"],
  ["help wanted", "008672", "Extra attention is needed"],
  ["invalid", "e4e669", "This doesn't seem right"],
  ["question", "d876e3", "Further information is requested"],
  ["wontfix", "ffffff", "This will not be worked on"],
];

/** Gives a new repository GitHub's default labels, without events (they exist before any webhook). */
export function addDefaultLabels(world: World, repo: RepoRecord): void {
  for (const [name, color, description] of DEFAULT_LABELS) {
    repo.labels.set(name, { id: world.ids.next("label"), name, color, description, isDefault: true });
  }
}
