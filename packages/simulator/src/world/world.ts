// The simulator's whole state plus the lookups every layer needs. Behaviour lives in ../domain.
import type { Role } from "../types.js";
import type { Delivery } from "../types.js";
import { IdAllocator } from "./ids.js";
import type {
  AppRecord,
  CheckRunRecord,
  CommentRecord,
  DeploymentRunRecord,
  InstallationRecord,
  MilestoneRecord,
  ReleaseRecord,
  IssueRecord,
  RepoRecord,
  TeamRecord,
  TokenRecord,
  UserRecord,
} from "./records.js";

export interface HookLog {
  readonly deliveries: readonly Delivery[];
  redeliver(hookId: number): boolean;
}

export type WebhookSink = (event: string, payload: Record<string, unknown>) => void;

export class World {
  readonly ids = new IdAllocator();
  readonly users = new Map<string, UserRecord>();
  readonly repos = new Map<number, RepoRecord>();
  readonly reposByName = new Map<string, number>();
  readonly apps = new Map<number, AppRecord>();
  readonly installations = new Map<number, InstallationRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly comments = new Map<number, CommentRecord>();
  readonly checkRuns = new Map<number, CheckRunRecord>();
  /** Workflow runs waiting on an App's deployment protection rule, by run id. */
  readonly deploymentRuns = new Map<number, DeploymentRunRecord>();
  readonly releases = new Map<number, ReleaseRecord>();
  readonly milestones = new Map<number, MilestoneRecord>();
  /** Set once the server listens; API URLs in payloads point here. */
  baseUrl = "http://127.0.0.1";
  /** Domain code reports every change here; the delivery queue decides what goes out. */
  webhookSink: WebhookSink = () => {};
  /** The App webhook's delivery log (every attempt, newest last) and GitHub's "Redeliver". */
  hookLog: HookLog | undefined;

  constructor(readonly clock: () => number) {}

  now(): number {
    return this.clock();
  }

  user(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  requireUser(login: string): UserRecord {
    const user = this.user(login);
    if (!user) throw new Error(`simulator: unknown user ${login}; call addUser first`);
    return user;
  }

  repo(fullName: string): RepoRecord | undefined {
    const id = this.reposByName.get(fullName.toLowerCase());
    return id === undefined ? undefined : this.repos.get(id);
  }

  requireRepo(fullName: string): RepoRecord {
    const repo = this.repo(fullName);
    if (!repo) throw new Error(`simulator: unknown repository ${fullName}; call createRepo first`);
    return repo;
  }

  repoById(id: number): RepoRecord {
    const repo = this.repos.get(id);
    if (!repo) throw new Error(`simulator: no repository ${id}`);
    return repo;
  }

  fullName(repo: RepoRecord): string {
    return `${repo.owner}/${repo.name}`;
  }

  team(org: string, slug: string): TeamRecord | undefined {
    return this.teams.get(`${org.toLowerCase()}/${slug.toLowerCase()}`);
  }

  issue(repo: RepoRecord, number: number): IssueRecord | undefined {
    return repo.issues.get(number);
  }

  /** The installation (of any app) that covers this repository, first installed first. */
  installationFor(repo: RepoRecord): InstallationRecord | undefined {
    for (const installation of this.installations.values()) {
      if (installationCovers(installation, repo)) return installation;
    }
    return undefined;
  }

  appByBotLogin(login: string): AppRecord | undefined {
    for (const app of this.apps.values()) if (app.botLogin.toLowerCase() === login.toLowerCase()) return app;
    return undefined;
  }

  explicitRole(repo: RepoRecord, login: string): Role | undefined {
    return repo.roles.get(login.toLowerCase());
  }
}

export function installationCovers(installation: InstallationRecord, repo: RepoRecord): boolean {
  if (installation.accountLogin.toLowerCase() !== repo.owner.toLowerCase()) return false;
  return installation.repoIds === undefined || installation.repoIds.has(repo.id);
}
