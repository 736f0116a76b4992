/**
 * A stand-in for opencode's share service (opncd.ai), so sharing can be tested without the internet
 * and without publishing anything: a server whose config says `enterprise: { url }` shares there.
 * Protocol as opencode 1.18.33 spoke it: `POST /api/share {sessionID}` → `{id, url, secret}`, then
 * `POST /api/share/:id/sync {secret, data}` as the session changes, and `DELETE /api/share/:id {secret}`.
 * While `failing`, every request gets 503, as an unreachable or broken service would.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeShareService {
  url: string;
  /** "METHOD /path" of every request, in order. */
  requests: string[];
  /** Sessions shared so far, by share id. */
  shared: Map<string, string>;
  failing: boolean;
  close(): Promise<void>;
}

export async function startFakeShareService(): Promise<FakeShareService> {
  const service: Omit<FakeShareService, "url" | "close"> = { requests: [], shared: new Map(), failing: false };
  let next = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    service.requests.push(`${req.method} ${path}`);
    const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (service.failing) return send(503, { error: "share service unavailable" });
    if (req.method === "POST" && path === "/api/share") {
      const { sessionID } = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { sessionID?: string };
      const id = `shr_fake${++next}`;
      service.shared.set(id, String(sessionID));
      return send(200, { id, url: `${url}/s/${id}`, secret: `secret-${id}` });
    }
    if (req.method === "POST" && /^\/api\/share\/[^/]+\/sync$/.test(path)) return send(200, {});
    if (req.method === "DELETE" && path.startsWith("/api/share/")) {
      service.shared.delete(path.slice("/api/share/".length));
      return send(200, {});
    }
    send(404, { error: "not found" });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(service, {
    url,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  });
}
