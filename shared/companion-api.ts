/**
 * The contract between the app (src/) and the local companion (server/): the names of the token
 * meta tag and header, and the shapes the local API sends and takes. Both sides import this file;
 * neither imports the other. Types and a few string constants only, so the app's bundle gains nothing.
 */

/** `<meta name=…>` in the index.html the companion serves; its `content` is the per-launch token. */
export const COMPANION_META_NAME = "switchboard-companion";

/** The request header that carries the per-launch token on every local API call. */
export const TOKEN_HEADER = "x-switchboard-token";

/** How a discovered process was started, read from its command line. */
export type HowStarted = "serve" | "tui" | "unknown";

/** Who can stop a server: the companion started it, it is the user's own process, or neither. */
export type Ownership = "started" | "own" | "foreign";

/** One OpenCode server on this machine, found by discovery or started by the companion. */
export interface LocalServer {
  /** Stable while the process lives: port, pid and start time. */
  id: string;
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The server's directory (`GET /path`), or the process's working directory when it is locked. */
  directory?: string;
  version?: string;
  /** Absent for another user's process (Linux shows no owner for it). */
  pid?: number;
  /** The process's start time as the OS counts it; with the pid it identifies the process. */
  startTime?: string;
  /** The process's command line, for the stop confirmation. */
  command?: string;
  how: HowStarted;
  /** The server wants a password (401 with `www-authenticate: Basic`). */
  locked: boolean;
  ownership: Ownership;
  /** The password of a server the companion started (the app connects with it; nothing else shows it). */
  password?: string;
  /** Started servers only: stop it when the companion exits. */
  stopOnExit?: boolean;
}

/** `GET /api/servers`: the list and its revision (ask with `?since=REVISION` to wait for a change). */
export interface ServerList {
  revision: number;
  servers: LocalServer[];
  /** Directories servers were started in, newest first. */
  recentDirectories: string[];
  /** Which platform reader discovery uses, and what it could not do (a sentence), if anything. */
  discovery: { platform: string; problem?: string };
}

/** `POST /api/servers`: only a directory and an optional port; never flags or environment. */
export interface StartRequest {
  directory: string;
  port?: number;
}

/** `POST /api/servers/:id/stop`: the identity the user confirmed (required for servers the companion did not start). */
export interface StopRequest {
  pid?: number;
  startTime?: string;
}

/** `PATCH /api/servers/:id` */
export interface ServerSettings {
  stopOnExit?: boolean;
}

/** Any failed call: a sentence a person can act on, and the server's last log lines when they explain it. */
export interface ApiError {
  error: string;
  logs?: string[];
}

export type LogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR" | "OTHER";

/** One line a started server printed (stdout or stderr). */
export interface LogLine {
  seq: number;
  level: LogLevel;
  text: string;
}

/** `GET /api/servers/:id/logs?after=SEQ`: lines after `after` (waits briefly when there are none). */
export interface LogPage {
  lines: LogLine[];
  /** Pass as `after` next time. */
  next: number;
}

/** `GET /api/servers/:id/health` */
export interface ServerHealth {
  version?: string;
  uptimeSeconds?: number;
  memoryBytes?: number;
  /** Percent of one core. */
  cpuPercent?: number;
  /** Name → status, as `GET /mcp` says (`connected`, `failed`, …). */
  mcp?: Record<string, string>;
  /** One entry per language server `GET /lsp` lists. */
  lsp?: { name: string; status: string }[];
  /** What could not be read, as sentences. */
  problems: string[];
}
