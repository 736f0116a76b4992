/**
 * The one place that builds OpenCode REST clients. One SDK v2 client per instance and directory,
 * each request bounded by a timeout: SERVER.md saw a health request to a starting server hang forever.
 */
import { createOpencodeClient, type OpencodeClient } from "@opencode-ai/sdk/v2/client";
import { authHeaders } from "../lib/basic-auth";
import type { InstanceConfig } from "./instance";

export { authHeaders };

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A fetch that gives up after `timeoutMs` (and still honours the caller's own signal). The answer
 * is raced against our own timer, held by a plain setTimeout: it settles even when the fetch
 * underneath never looks at its signal, and it cannot be lost to garbage collection the way a
 * weakly-held `AbortSignal.timeout` chain can. The timer keeps running after the headers arrive so
 * that reading the body stays bounded too.
 */
export function fetchWithTimeout(fetchImpl: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const controller = new AbortController();
    const callerSignal = request.signal;
    // abort() does nothing on a controller that was already aborted: the first reason stays.
    const onCallerAbort = () => controller.abort(callerSignal.reason);
    if (callerSignal.aborted) onCallerAbort();
    else callerSignal.addEventListener("abort", onCallerAbort, { once: true });
    const timer = setTimeout(() => {
      callerSignal.removeEventListener("abort", onCallerAbort);
      controller.abort(new DOMException(`The request did not answer within ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    const gaveUp = new Promise<never>((_, reject) => {
      const rejectWithReason = () => reject(controller.signal.reason);
      if (controller.signal.aborted) rejectWithReason();
      else controller.signal.addEventListener("abort", rejectWithReason, { once: true });
    });
    const answer = fetchImpl(new Request(request, { signal: controller.signal }));
    // A failed request needs no timer; a good one keeps it so the body read stays bounded (aborting
    // a request whose body was already read does nothing).
    answer.catch(() => clearTimeout(timer));
    return Promise.race([answer, gaveUp]);
  };
}

/**
 * An SDK client for one instance, scoped to `directory` when given (the server then answers for
 * that project instead of its own working directory).
 */
export function createInstanceClient(
  config: InstanceConfig,
  options: { directory?: string; fetch?: typeof fetch; timeoutMs?: number } = {},
): OpencodeClient {
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  return createOpencodeClient({
    baseUrl: config.baseUrl,
    headers: authHeaders(config),
    directory: options.directory,
    fetch: fetchWithTimeout(baseFetch, options.timeoutMs ?? REQUEST_TIMEOUT_MS),
  });
}

/** Unwraps an SDK `{ data, error, response }` result, turning HTTP errors into thrown Errors with a readable message. */
export async function unwrap<T>(result: Promise<{ data?: T; error?: unknown; response?: Response }>, what: string): Promise<T> {
  const { data, error, response } = await result;
  if (error !== undefined || (response && !response.ok)) {
    const status = response ? ` (HTTP ${response.status})` : "";
    const detail = describeErrorBody(error);
    throw new Error(`Could not ${what}${status}${detail ? `: ${detail}` : ""}.`);
  }
  return data as T;
}

/**
 * When fetch itself fails the SDK hands back the raw exception: "Failed to fetch" or "The operation was
 * aborted due to timeout" tell a person nothing, so those become what happened in their terms.
 */
function describeErrorBody(error: unknown): string {
  if (!error) return "";
  if (typeof error === "string") return error.slice(0, 200);
  if (error instanceof DOMException && error.name === "TimeoutError") return "the server did not answer in time";
  if (error instanceof DOMException && error.name === "AbortError") return "the request was cancelled";
  if (error instanceof TypeError) return "the server could not be reached (is it still running?)";
  if (error instanceof Error) return error.message;
  if (typeof error === "object") {
    const record = error as Record<string, unknown>;
    const data = record.data as Record<string, unknown> | undefined;
    const message = record.message ?? data?.message ?? record.name;
    if (typeof message === "string") return message;
  }
  return "";
}
