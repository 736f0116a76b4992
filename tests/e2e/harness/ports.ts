/**
 * Free loopback ports. `opencode serve --port 0` does not pick a free port (it listens on 4096),
 * so the harness asks the OS for one and hands it over.
 */
import { createServer } from "node:net";

const handedOut = new Set<number>();

/**
 * A TCP port on 127.0.0.1 that was free a moment ago and has not been handed out by this process
 * before (so two servers started back to back never get the same one).
 */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const port = await new Promise<number>((ok, fail) => {
      const server = createServer();
      server.once("error", fail);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        const found = typeof address === "object" && address ? address.port : 0;
        server.close(() => ok(found));
      });
    });
    if (port && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error("Could not find a free port on 127.0.0.1");
}
