import type { World } from "../world/world.js";

/** The noreply address GitHub uses for web commits and push payloads. */
export function userEmail(world: World, login: string): string {
  const user = world.user(login);
  return user ? `${user.id}+${user.login}@users.noreply.github.com` : `${login}@users.noreply.github.com`;
}
