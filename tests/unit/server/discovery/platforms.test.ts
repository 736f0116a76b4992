/**
 * The macOS and Windows readers' parsers on samples written from the tools' documented formats
 * (tests/fixtures/discovery/README.md), and the health verdicts on answers real servers gave.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { joinMacos, parseLsofCwd, parseLsofListen, parsePs } from "../../../../server/discovery/macos";
import { classifyHealth } from "../../../../server/discovery/probe";
import { howStarted, looksLikeOpencode } from "../../../../server/discovery/types";
import { parseWindowsScan, splitCommandLine } from "../../../../server/discovery/windows";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../../../fixtures/discovery", name), "utf8");

describe("macOS (lsof, ps)", () => {
  it("lists each process's listening ports reachable on 127.0.0.1", () => {
    expect(parseLsofListen(fixture("macos-lsof-listen.txt"))).toEqual([
      { pid: 612, command: "ControlCe", ports: [7000, 5000] },
      { pid: 4120, command: "opencode", ports: [4096] },
      { pid: 5177, command: "opencode", ports: [51234] },
      { pid: 6011, command: "node", ports: [5173] },
    ]);
  });

  it("joins ports, start times, command lines and directories of OpenCode processes only", () => {
    const candidates = joinMacos(
      parseLsofListen(fixture("macos-lsof-listen.txt")),
      parsePs(fixture("macos-ps.txt")),
      parseLsofCwd(fixture("macos-lsof-cwd.txt")),
    );
    expect(candidates).toEqual([
      {
        port: 4096,
        process: {
          pid: 4120,
          argv: ["/Users/ana/.opencode/bin/opencode", "serve"],
          startTime: "Thu Nov 28 09:14:03 2024",
          cwd: "/Users/ana/code/webshop",
        },
      },
      {
        port: 51234,
        process: expect.objectContaining({ pid: 5177, startTime: "Fri Nov 1 18:02:44 2024", cwd: "/Users/ana/code/my project" }),
      },
    ]);
    expect(howStarted(candidates[0].process!.argv)).toBe("serve");
    expect(howStarted(candidates[1].process!.argv)).toBe("tui");
  });

  it("survives empty or cut output (a process that exited between the two lsof runs)", () => {
    expect(parseLsofListen("")).toEqual([]);
    expect(parseLsofListen("p123\ncopencode\nf3\n")).toEqual([]);
    const listen = parseLsofListen("p900\ncopencode\nf3\nn127.0.0.1:4500\n");
    expect(joinMacos(listen, new Map(), new Map())).toEqual([
      { port: 4500, process: { pid: 900, argv: ["opencode"], startTime: undefined, cwd: undefined } },
    ]);
  });
});

describe("Windows (Get-NetTCPConnection, Win32_Process)", () => {
  it("finds OpenCode processes listening where 127.0.0.1 reaches, with PowerShell 5 dates", () => {
    const candidates = parseWindowsScan(fixture("windows-scan-ps5.json"));
    expect(candidates.map((c) => c.port)).toEqual([4096, 51000]);
    expect(candidates[0].process).toMatchObject({ pid: 8812, startTime: "1732785243000" });
    expect(candidates[0].process!.argv[1]).toBe("serve");
    expect(candidates[1].process!.argv).toEqual(["opencode.exe", "C:\\code\\my app", "--port", "51000"]);
    expect(howStarted(candidates[1].process!.argv)).toBe("tui");
  });

  it("reads a single object where PowerShell dropped the array, and PowerShell 7 dates", () => {
    expect(parseWindowsScan(fixture("windows-scan-ps7-single.json"))).toEqual([
      {
        port: 4096,
        process: {
          pid: 8812,
          argv: ["opencode.exe", "serve"],
          exe: "C:\\tools\\opencode.exe",
          startTime: "2024-11-28T09:14:03.1234567+01:00",
        },
      },
    ]);
  });

  it("returns nothing for empty or broken output", () => {
    expect(parseWindowsScan("")).toEqual([]);
    expect(parseWindowsScan("Get-NetTCPConnection : Access denied")).toEqual([]);
    expect(splitCommandLine('"C:\\a b\\x.exe" serve  --port 1')).toEqual(["C:\\a b\\x.exe", "serve", "--port", "1"]);
  });
});

describe("which processes and answers are OpenCode", () => {
  it("knows OpenCode binaries by name, wherever they were installed", () => {
    expect(looksLikeOpencode(["/usr/local/lib/node_modules/opencode-ai/node_modules/opencode-linux-x64/bin/opencode", "serve"])).toBe(true);
    expect(looksLikeOpencode(["node", "/usr/bin/opencode"])).toBe(true);
    expect(looksLikeOpencode(["node", "vite"], "/usr/bin/node")).toBe(false);
    expect(looksLikeOpencode(["bash"], "/usr/bin/bash")).toBe(false);
    expect(howStarted(["opencode"])).toBe("unknown");
    expect(howStarted(["opencode", "--port=4100"])).toBe("tui");
  });

  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

  it("classifies health answers: healthy JSON, locked, HTML look-alike, wrong shape", () => {
    // Recorded from opencode 1.18.33: 200 application/json {"healthy":true,"version":"1.18.33"}.
    expect(classifyHealth(200, headers({ "content-type": "application/json" }), { healthy: true, version: "1.18.33" })).toEqual({
      kind: "opencode",
      version: "1.18.33",
    });
    // With OPENCODE_SERVER_PASSWORD: 401, empty body, www-authenticate: Basic realm="Secure Area".
    expect(classifyHealth(401, headers({ "www-authenticate": 'Basic realm="Secure Area"' }), undefined)).toEqual({ kind: "locked" });
    expect(classifyHealth(401, headers({}), undefined)).toEqual({ kind: "not-opencode" });
    // Our own app server answers 200 text/html to any path.
    expect(classifyHealth(200, headers({ "content-type": "text/html; charset=utf-8" }), undefined)).toEqual({ kind: "not-opencode" });
    expect(classifyHealth(200, headers({ "content-type": "application/json" }), { status: "ok" })).toEqual({ kind: "not-opencode" });
    expect(classifyHealth(500, headers({ "content-type": "application/json" }), { healthy: true, version: "1" })).toEqual({
      kind: "not-opencode",
    });
  });
});
