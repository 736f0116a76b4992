import { describe, expect, it } from "vitest";
import type { InstanceConfig } from "../../../src/api/instance";
import type { ProbeResult } from "../../../src/api/probe";
import { probeAddress } from "../../../src/api/probe-address";

const ok: ProbeResult = { ok: true, version: "1.18.33", path: undefined, projects: [] };

/** A probe that answers by base URL from `answers`, recording what it was asked. */
function probeOf(answers: Record<string, ProbeResult>) {
  const asked: string[] = [];
  const probe = async (config: InstanceConfig) => {
    asked.push(config.baseUrl);
    return (
      answers[config.baseUrl] ?? { ok: false as const, kind: "unreachable" as const, message: `Nothing answered at ${config.baseUrl}.` }
    );
  };
  return { probe, asked };
}

describe("probeAddress", () => {
  it("takes an address that answers as it is", async () => {
    const { probe, asked } = probeOf({ "http://127.0.0.1:4096": ok });
    const found = await probeAddress({ id: "a", baseUrl: "http://127.0.0.1:4096" }, probe);
    expect(found).toEqual({ config: { id: "a", baseUrl: "http://127.0.0.1:4096" }, result: ok });
    expect(asked).toHaveLength(1);
  });

  it("takes the origin of a URL with a path when only the origin is OpenCode, and says so", async () => {
    const { probe } = probeOf({
      "http://127.0.0.1:4096/session/ses_1": {
        ok: false,
        kind: "not-opencode",
        message: "http://127.0.0.1:4096/session/ses_1 answered, but it is not an OpenCode server (HTTP 404 on /global/health).",
      },
      "http://127.0.0.1:4096": ok,
    });
    const found = await probeAddress({ id: "a", baseUrl: "http://127.0.0.1:4096/session/ses_1", password: "pw" }, probe);
    expect(found.config).toEqual({ id: "a", baseUrl: "http://127.0.0.1:4096", password: "pw" });
    expect(found.result.ok).toBe(true);
    expect(found.notice).toBe("Added http://127.0.0.1:4096: OpenCode answers there, not under /session/ses_1.");
  });

  it("says what the origin answered when neither is OpenCode", async () => {
    const { probe } = probeOf({
      "http://devbox:8080/app": {
        ok: false,
        kind: "not-opencode",
        message: "http://devbox:8080/app answered, but it is not an OpenCode server (HTTP 404 on /global/health).",
      },
      "http://devbox:8080": {
        ok: false,
        kind: "not-opencode",
        message: "devbox:8080 answered, but it is not an OpenCode server (HTTP 200 on /global/health).",
      },
    });
    const found = await probeAddress({ id: "a", baseUrl: "http://devbox:8080/app" }, probe);
    expect(found.config.baseUrl).toBe("http://devbox:8080/app");
    expect(!found.result.ok && found.result.message).toBe(
      "http://devbox:8080/app answered, but it is not an OpenCode server (HTTP 404 on /global/health). Tried http://devbox:8080 without the path too: devbox:8080 answered, but it is not an OpenCode server (HTTP 200 on /global/health).",
    );
  });

  it("tells an https address of an http server precisely, and does not switch to http by itself", async () => {
    const { probe } = probeOf({ "http://127.0.0.1:4096": ok });
    const found = await probeAddress({ id: "s", baseUrl: "https://127.0.0.1:4096" }, probe);
    expect(found.config.baseUrl).toBe("https://127.0.0.1:4096");
    expect(!found.result.ok && found.result.message).toBe(
      "Nothing answered at https://127.0.0.1:4096 over https, but an OpenCode server answers at http://127.0.0.1:4096: the server is http, not https. Enter http://127.0.0.1:4096.",
    );
  });

  it("keeps the probe's own sentence when http does not answer either", async () => {
    const { probe } = probeOf({});
    const found = await probeAddress({ id: "s", baseUrl: "https://127.0.0.1:4096" }, probe);
    expect(!found.result.ok && found.result.message).toBe("Nothing answered at https://127.0.0.1:4096.");
  });
});
