/**
 * Everything beyond "send a prompt" that OpenCode's own clients do to a session: the catalogue
 * (models, agents, commands, files), renaming, deleting, forking, undo/redo, commands, shell commands,
 * compacting, and the working tree's changes. Each call is scoped to the session's directory.
 *
 * Commands, shell commands and compacting answer only when the model is done, so they get a long
 * timeout of their own: the short one would report a failure while the work is still going on.
 * The catalogue gets a longer one too: the first request for a directory waits while the server sets
 * that project up (8.5 s measured for `GET /config/providers` on a fresh directory, over 10 s when
 * other first requests ran beside it).
 */
import type { Agent, Command, Config, FilePartInput, Provider, Session } from "@opencode-ai/sdk/v2/client";
import { createInstanceClient, unwrap } from "./client";
import type { InstanceConfig } from "./instance";

export const LONG_REQUEST_MS = 10 * 60_000;
export const CATALOGUE_REQUEST_MS = 60_000;
/**
 * Fork, revert, redo and delete do work that grows with the session (a fork copies every message and
 * part, a revert restores files from snapshots): a long session on a busy machine passes 10 s, and a
 * timeout would say "failed" about a change the server still makes.
 */
export const SESSION_WRITE_REQUEST_MS = 60_000;

/** A model as the server names it: `providerID/modelID`. */
export interface ModelRef {
  providerID: string;
  modelID: string;
}

/** What a prompt carries besides its text: the chosen model and agent and any mentioned files. */
export interface PromptChoice {
  model?: ModelRef;
  agent?: string;
  files?: FilePartInput[];
}

export type SessionTarget = Pick<Session, "id" | "directory">;

const clientFor = (config: InstanceConfig, directory: string | undefined, fetchImpl?: typeof fetch, timeoutMs?: number) =>
  createInstanceClient(config, { directory, fetch: fetchImpl, timeoutMs });

/** The models and agents a server offers and what it would use by default. */
export interface Catalogue {
  providers: Provider[];
  /** Per provider, its default model id (`GET /config/providers`). */
  providerDefaults: Record<string, string>;
  agents: Agent[];
  /** `model` and `default_agent` of the server's config, when set. */
  config: Pick<Config, "model" | "default_agent">;
}

export async function loadCatalogue(config: InstanceConfig, directory: string | undefined, fetchImpl?: typeof fetch): Promise<Catalogue> {
  const client = clientFor(config, directory, fetchImpl, CATALOGUE_REQUEST_MS);
  const [providers, agents, serverConfig] = await Promise.all([
    unwrap(client.config.providers(), "list the models"),
    unwrap(client.app.agents(), "list the agents"),
    // The config only refines the default; a server that refuses it still offers its models.
    unwrap(client.config.get(), "read the config").catch(() => ({}) as Config),
  ]);
  return {
    providers: Array.isArray(providers?.providers) ? providers.providers : [],
    providerDefaults: providers?.default && typeof providers.default === "object" ? providers.default : {},
    agents: Array.isArray(agents) ? agents : [],
    config: { model: serverConfig?.model, default_agent: serverConfig?.default_agent },
  };
}

const catalogues = new Map<string, Promise<Catalogue>>();

/** `loadCatalogue`, shared by everyone who asks for the same server and directory; a failure is not kept. */
export function cachedCatalogue(config: InstanceConfig, directory: string | undefined, fetchImpl?: typeof fetch): Promise<Catalogue> {
  const key = `${config.baseUrl} ${directory ?? ""}`;
  let pending = catalogues.get(key);
  if (!pending) {
    pending = loadCatalogue(config, directory, fetchImpl);
    catalogues.set(key, pending);
    pending.catch(() => catalogues.delete(key));
  }
  return pending;
}

export async function loadCommands(config: InstanceConfig, directory: string | undefined, fetchImpl?: typeof fetch): Promise<Command[]> {
  const commands = await unwrap(clientFor(config, directory, fetchImpl, CATALOGUE_REQUEST_MS).command.list(), "list the commands");
  return Array.isArray(commands) ? commands : [];
}

export async function findFiles(
  config: InstanceConfig,
  directory: string | undefined,
  query: string,
  fetchImpl?: typeof fetch,
): Promise<string[]> {
  const files = await unwrap(
    clientFor(config, directory, fetchImpl).find.files({ query, dirs: "false", limit: 20 }),
    "search the project's files",
  );
  return Array.isArray(files) ? files.filter((file): file is string => typeof file === "string") : [];
}

export async function renameSession(
  config: InstanceConfig,
  session: SessionTarget,
  title: string,
  fetchImpl?: typeof fetch,
): Promise<Session> {
  return unwrap(clientFor(config, session.directory, fetchImpl).session.update({ sessionID: session.id, title }), "rename the session");
}

export async function deleteSession(config: InstanceConfig, session: SessionTarget, fetchImpl?: typeof fetch): Promise<void> {
  await unwrap(
    clientFor(config, session.directory, fetchImpl, SESSION_WRITE_REQUEST_MS).session.delete({ sessionID: session.id }),
    "delete the session",
  );
}

export async function forkSession(
  config: InstanceConfig,
  session: SessionTarget,
  messageID: string | undefined,
  fetchImpl?: typeof fetch,
): Promise<Session> {
  return unwrap(
    clientFor(config, session.directory, fetchImpl, SESSION_WRITE_REQUEST_MS).session.fork({ sessionID: session.id, messageID }),
    "fork the session",
  );
}

/** `what` names the action in the failure's sentence: Undo, Redo or "Revert to here" all revert. */
export async function revertSession(
  config: InstanceConfig,
  session: SessionTarget,
  messageID: string,
  fetchImpl?: typeof fetch,
  what = "undo the last step",
): Promise<Session> {
  return unwrap(
    clientFor(config, session.directory, fetchImpl, SESSION_WRITE_REQUEST_MS).session.revert({ sessionID: session.id, messageID }),
    what,
  );
}

export async function unrevertSession(config: InstanceConfig, session: SessionTarget, fetchImpl?: typeof fetch): Promise<Session> {
  return unwrap(
    clientFor(config, session.directory, fetchImpl, SESSION_WRITE_REQUEST_MS).session.unrevert({ sessionID: session.id }),
    "redo",
  );
}

/** Whether the server shares (`share`: "manual", "auto" or "disabled"; unset means "manual") and where to (`enterprise.url`). */
export type ShareSettings = Pick<Config, "share" | "enterprise">;

/** The share settings of the server's config, read afresh: a server restarted with another config answers differently. */
export async function loadShareSettings(
  config: InstanceConfig,
  directory: string | undefined,
  fetchImpl?: typeof fetch,
): Promise<ShareSettings> {
  const serverConfig = await unwrap(clientFor(config, directory, fetchImpl, CATALOGUE_REQUEST_MS).config.get(), "read the config");
  return { share: serverConfig?.share, enterprise: serverConfig?.enterprise };
}

/**
 * `POST /session/:id/share`: the server uploads the session to its share service. Offline it answered
 * 500 with nothing but `{"_tag":"InternalServerError"}` after half a second (1.18.33), so the sentence
 * says what most likely went wrong.
 */
export async function shareSession(config: InstanceConfig, session: SessionTarget, fetchImpl?: typeof fetch): Promise<Session> {
  try {
    return await unwrap(
      clientFor(config, session.directory, fetchImpl, CATALOGUE_REQUEST_MS).session.share({ sessionID: session.id }),
      "share the session",
    );
  } catch (error) {
    const sentence = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${sentence} Nothing was published. The OpenCode server must reach its share service on the internet to share: check its connection, or its log.`,
      {
        cause: error,
      },
    );
  }
}

/**
 * `DELETE /session/:id/share`. 1.18.33 answers with the session still carrying its old link (and
 * `GET /session` keeps showing it), while its `session.updated` event has no `share`: the event is
 * the truth (the share service deleted the link), so the answer is taken without it.
 */
export async function unshareSession(config: InstanceConfig, session: SessionTarget, fetchImpl?: typeof fetch): Promise<Session> {
  const updated = await unwrap(
    clientFor(config, session.directory, fetchImpl, CATALOGUE_REQUEST_MS).session.unshare({ sessionID: session.id }),
    "unshare the session",
  );
  if (!updated || typeof updated !== "object") return updated;
  const { share: _stale, ...rest } = updated;
  return rest as Session;
}

export async function runCommand(
  config: InstanceConfig,
  session: SessionTarget,
  command: string,
  args: string,
  choice: PromptChoice,
  fetchImpl?: typeof fetch,
) {
  const model = choice.model ? `${choice.model.providerID}/${choice.model.modelID}` : undefined;
  await unwrap(
    clientFor(config, session.directory, fetchImpl, LONG_REQUEST_MS).session.command({
      sessionID: session.id,
      command,
      arguments: args,
      agent: choice.agent,
      model,
    }),
    `run /${command}`,
  );
}

export async function runShell(
  config: InstanceConfig,
  session: SessionTarget,
  command: string,
  choice: PromptChoice,
  fetchImpl?: typeof fetch,
) {
  await unwrap(
    clientFor(config, session.directory, fetchImpl, LONG_REQUEST_MS).session.shell({
      sessionID: session.id,
      command,
      agent: choice.agent ?? "build",
      model: choice.model,
    }),
    "run the shell command",
  );
}

export async function summarizeSession(config: InstanceConfig, session: SessionTarget, model: ModelRef, fetchImpl?: typeof fetch) {
  await unwrap(
    clientFor(config, session.directory, fetchImpl, LONG_REQUEST_MS).session.summarize({
      sessionID: session.id,
      providerID: model.providerID,
      modelID: model.modelID,
    }),
    "compact the session",
  );
}

/** The working tree's changes as the server sees them, and whether the directory is a git repository at all. */
export interface WorkingTree {
  git: boolean;
  /** `GET /vcs/diff?mode=git`: `VcsFileDiff[]` from a well-behaved server; guard before use. */
  diffs: unknown;
}

/**
 * `GET /project/current` and `GET /vcs/diff?mode=git` for a directory. A folder that is not a git
 * repository answers the diff with `[]` (measured), so only the project's `vcs` tells "no changes"
 * from "nothing to compare with".
 */
export async function loadWorkingTree(
  config: InstanceConfig,
  directory: string | undefined,
  fetchImpl?: typeof fetch,
): Promise<WorkingTree> {
  const client = clientFor(config, directory, fetchImpl);
  const [project, diffs] = await Promise.all([
    unwrap(client.project.current(), "find out whether this folder is a git repository"),
    unwrap(client.vcs.diff({ mode: "git" }), "load the working tree's changes"),
  ]);
  return { git: project?.vcs === "git", diffs };
}
