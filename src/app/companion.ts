/**
 * The app's side of the local companion (`npm start`): whether this page was served by it (its
 * index.html carries a per-launch token in a meta tag), and a small client for its local API.
 * Served by any other static host there is no token, no client, and the app works as before.
 * No Solid here: the sync (companion-sync.ts) owns the reactive state.
 */
import {
  COMPANION_META_NAME,
  TOKEN_HEADER,
  type ApiError,
  type LocalServer,
  type LogPage,
  type ServerHealth,
  type ServerList,
  type StartRequest,
  type StopRequest,
} from "../../shared/companion-api";

/** The token from `<meta name="switchboard-companion">`, or undefined when no companion served the page. */
export function readCompanionToken(doc: Pick<Document, "querySelector"> | undefined = globalThis.document): string | undefined {
  const content = doc?.querySelector?.(`meta[name="${COMPANION_META_NAME}"]`)?.getAttribute("content");
  return content && /^[A-Za-z0-9_-]{16,}$/.test(content) ? content : undefined;
}

/** A failed companion call: its sentence, and the server's last log lines when they explain it. */
export class CompanionCallError extends Error {
  constructor(
    message: string,
    readonly logs: string[] = [],
  ) {
    super(message);
    this.name = "CompanionCallError";
  }
}

export interface CompanionClient {
  list(since?: number, signal?: AbortSignal): Promise<ServerList>;
  start(request: StartRequest): Promise<LocalServer>;
  stop(id: string, identity?: StopRequest): Promise<void>;
  restart(id: string): Promise<LocalServer>;
  setStopOnExit(id: string, stopOnExit: boolean): Promise<LocalServer>;
  logs(id: string, after: number, wait: boolean, signal?: AbortSignal): Promise<LogPage>;
  health(id: string): Promise<ServerHealth>;
}

/** A client for the companion that served this page (same origin), sending the token on every call. */
export function makeCompanionClient(
  token: string,
  doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init),
): CompanionClient {
  const call = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
    let res: Response;
    try {
      res = await doFetch(path, {
        method,
        signal,
        headers: { [TOKEN_HEADER]: token, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new CompanionCallError("Switchboard's companion did not answer: is `npm start` still running?");
    }
    const data = (await res.json().catch(() => undefined)) as (T & Partial<ApiError>) | undefined;
    if (!res.ok) {
      const logs = Array.isArray(data?.logs) ? data.logs.filter((line): line is string => typeof line === "string") : [];
      throw new CompanionCallError(typeof data?.error === "string" ? data.error : `The companion answered HTTP ${res.status}.`, logs);
    }
    return data as T;
  };
  const server = (id: string) => `/api/servers/${encodeURIComponent(id)}`;
  return {
    list: (since, signal) => call("GET", since === undefined ? "/api/servers" : `/api/servers?since=${since}`, undefined, signal),
    start: (request) => call("POST", "/api/servers", request),
    stop: (id, identity = {}) => call("POST", `${server(id)}/stop`, identity),
    restart: (id) => call("POST", `${server(id)}/restart`, {}),
    setStopOnExit: (id, stopOnExit) => call("PATCH", server(id), { stopOnExit }),
    logs: (id, after, wait, signal) => call("GET", `${server(id)}/logs?after=${after}${wait ? "&wait=1" : ""}`, undefined, signal),
    health: (id) => call("GET", `${server(id)}/health`),
  };
}
