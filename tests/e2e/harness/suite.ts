/**
 * Vitest wiring for e2e files: each `use*` registers beforeAll/afterAll hooks and returns a getter,
 * so a file reuses one fake model, its servers and one browser across tests (a server costs ~500 MB
 * and 2.5 s), while every test gets a fresh page. Cleanup runs even when a test fails; the process
 * 'exit' hook in processes.ts is the last resort.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import { startFakeModel, type FakeModel } from "../fake-model";
import { startAppBrowser, type AppBrowser } from "./browser";
import { startOpencodeServer, type OpencodeServer, type OpencodeServerOptions } from "./opencode";

/** A getter for something a beforeAll hook made; it throws a clear error when used too early. */
export type Resource<T> = () => T;

function resource<T>(what: string, start: () => Promise<T>, stop: (value: T) => Promise<void>): Resource<T> {
  let value: T | undefined;
  beforeAll(async () => {
    value = await start();
  });
  afterAll(async () => {
    if (value !== undefined) await stop(value);
    value = undefined;
  });
  return () => {
    if (value === undefined) throw new Error(`${what} is not running: use it inside a test or a hook after beforeAll`);
    return value;
  };
}

/** One fake model for the file. */
export function useFakeModel(): Resource<FakeModel> {
  return resource("the fake model", startFakeModel, (model) => model.close());
}

/** One sandboxed `opencode serve` for the file, talking to `model`. */
export function useServer(model: Resource<FakeModel>, options: Omit<OpencodeServerOptions, "fakeModelUrl"> = {}): Resource<OpencodeServer> {
  return resource(
    `opencode server ${options.name ?? ""}`,
    () => startOpencodeServer({ ...options, fakeModelUrl: model().url }),
    (server) => server.dispose(),
  );
}

/**
 * The browser and served app for the file. After each test its pages are closed; when the test
 * failed, a screenshot, the DOM, the console and the log paths of `servers()` are saved first.
 */
export function useApp(servers: () => OpencodeServer[] = () => []): Resource<AppBrowser> {
  const app = resource("the browser", startAppBrowser, (browser) => browser.close());
  afterEach(async (context) => {
    const violations = app().cspViolations();
    if (context.task.result?.state === "fail" || violations.length) {
      const logs = servers().map((server) => server.logFile);
      const summary = await app().summary();
      const files = await app().capture(`${context.task.file?.name ?? "e2e"}-${context.task.name}`, logs);
      console.error(`e2e failure artefacts:\n  ${[...files, ...logs].join("\n  ")}\n${summary}`);
    }
    await app().closePages();
    if (violations.length) throw new Error(`The page broke its Content-Security-Policy:\n  ${violations.join("\n  ")}`);
  });
  return app;
}
