/**
 * Two fake servers (ports 4096 and 4097) behind one fetch, each with its own sessions and its own
 * event stream, for the merged view's page tests through the real router.
 */
import type { PermissionRequest, Session } from "@opencode-ai/sdk/v2/client";
import { waitFor } from "@solidjs/testing-library";
import { expect } from "vitest";
import type { SwitchboardOptions } from "../../../src/app/switchboard";
import { fakeServer, memoryStorage, testBoard, type FakeCatalogue } from "../app/rig";

export async function twoServers(
  first: Session[],
  second: Session[],
  options: Pick<SwitchboardOptions, "notifications" | "pageHidden"> = {},
  catalogues: { "4096"?: FakeCatalogue; "4097"?: FakeCatalogue } = {},
) {
  const servers = {
    "4096": fakeServer(first, { catalogue: catalogues["4096"] }),
    "4097": fakeServer(second, { catalogue: catalogues["4097"] }),
  };
  const replies: string[] = [];
  /** What `GET /permission` answers per server (a resync reads it); empty unless a test fills it. */
  const pending: Record<"4096" | "4097", PermissionRequest[]> = { "4096": [], "4097": [] };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (request.method === "POST" && /\/(permission|question)\/[^/]+\/(reply|reject)$/.test(url.pathname)) {
      replies.push(`${url.port} ${url.pathname} ${await request.text()}`);
      return new Response("true", { status: 200, headers: { "content-type": "application/json" } });
    }
    if (request.method === "GET" && url.pathname === "/permission") {
      return new Response(JSON.stringify(pending[url.port as "4096" | "4097"]), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }
    return servers[url.port as "4096" | "4097"].fetch(request);
  };
  const { board, sources, dispose } = testBoard(fetch as typeof globalThis.fetch, memoryStorage(), options);
  for (const port of ["4096", "4097"]) {
    await board.connect({ address: port, password: "", rememberPassword: false, label: "" });
  }
  for (const source of sources) source.open();
  const [a, b] = board.order();
  await waitFor(() => {
    expect(Object.keys(board.runtime(a)!.store.state.sessions)).toHaveLength(first.length);
    expect(Object.keys(board.runtime(b)!.store.state.sessions)).toHaveLength(second.length);
  });
  /** The event stream of the server on `port`. */
  const stream = (port: "4096" | "4097") => sources.find((s) => s.url.includes(`:${port}`))!;
  return { board, servers, replies, pending, stream, ids: { a, b }, cleanup: dispose };
}
