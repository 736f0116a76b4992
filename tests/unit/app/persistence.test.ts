import { describe, expect, it } from "vitest";
import {
  loadDiffLayout,
  loadInstances,
  loadReconnectTuning,
  loadTabs,
  saveDiffLayout,
  saveInstances,
  saveTabs,
  type SavedInstance,
  type StorageLike,
  type Storages,
} from "../../../src/app/persistence";

/** An in-memory Storage, so each test sees exactly what was written where. */
class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  /** Everything stored, as one string: a password must not appear anywhere in it. */
  dump(): string {
    return [...this.items.values()].join("\n");
  }
}

/** A storage that throws like a private window or a full quota does. */
const throwingStorage: StorageLike = {
  getItem() {
    throw new DOMException("The operation is insecure.", "SecurityError");
  },
  setItem() {
    throw new DOMException("Quota exceeded", "QuotaExceededError");
  },
};

function storages(): Storages & { local: MemoryStorage; session: MemoryStorage } {
  return { local: new MemoryStorage(), session: new MemoryStorage() };
}

const plain: SavedInstance = { id: "a", baseUrl: "http://127.0.0.1:4096", label: "work", password: "session-only-pw" };
const remembered: SavedInstance = {
  id: "b",
  baseUrl: "http://127.0.0.1:4097",
  password: "remembered-pw",
  rememberPassword: true,
  username: "alice",
};
const noPassword: SavedInstance = { id: "c", baseUrl: "https://example.com/oc" };

describe("saveInstances / loadInstances", () => {
  it("keeps a password out of localStorage unless the user asked to remember it", () => {
    const s = storages();
    saveInstances(s, [plain, remembered, noPassword]);
    expect(s.local.dump()).not.toContain("session-only-pw");
    expect(s.session.dump()).toContain("session-only-pw");
    expect(s.local.dump()).toContain("remembered-pw");
    expect(s.session.dump()).not.toContain("remembered-pw");
  });

  it("restores every instance with its password from wherever it was kept", () => {
    const s = storages();
    saveInstances(s, [plain, remembered, noPassword]);
    expect(loadInstances(s)).toEqual([plain, remembered, { ...noPassword, password: undefined }]);
  });

  it("forgets a session-only password when the session storage is gone (new browser session)", () => {
    const s = storages();
    saveInstances(s, [plain, remembered]);
    const restored = loadInstances({ local: s.local, session: new MemoryStorage() });
    expect(restored.map((i) => [i.id, i.password])).toEqual([
      ["a", undefined],
      ["b", "remembered-pw"],
    ]);
  });

  it("drops a password from localStorage when 'remember' is switched off", () => {
    const s = storages();
    saveInstances(s, [remembered]);
    saveInstances(s, [{ ...remembered, rememberPassword: false }]);
    expect(s.local.dump()).not.toContain("remembered-pw");
    expect(loadInstances(s)[0].password).toBe("remembered-pw");
  });

  it.each(["{not json", "null", "42", '"text"', "{}"])("treats corrupted instances %j as none saved", (raw) => {
    const s = storages();
    s.local.setItem("switchboard.instances", raw);
    expect(loadInstances(s)).toEqual([]);
  });

  it.each(["{not json", "null", "[1,2]", '"pw"'])("survives corrupted session passwords %j", (raw) => {
    const s = storages();
    saveInstances(s, [plain, remembered]);
    s.session.setItem("switchboard.passwords", raw);
    expect(loadInstances(s).map((i) => i.password)).toEqual([undefined, "remembered-pw"]);
  });

  it("skips saved entries without an id or a base URL", () => {
    const s = storages();
    s.local.setItem(
      "switchboard.instances",
      JSON.stringify([null, { id: "x" }, { baseUrl: "http://h" }, { id: "ok", baseUrl: "http://h" }]),
    );
    expect(loadInstances(s).map((i) => i.id)).toEqual(["ok"]);
  });

  it("neither crashes nor remembers anything when storage throws or is missing", () => {
    const broken: Storages = { local: throwingStorage, session: throwingStorage };
    expect(() => saveInstances(broken, [plain])).not.toThrow();
    expect(loadInstances(broken)).toEqual([]);
    expect(loadInstances({})).toEqual([]);
    expect(() => saveInstances({}, [plain])).not.toThrow();
  });
});

describe("saveTabs / loadTabs", () => {
  it("round-trips the open session tabs per instance", () => {
    const s = storages();
    saveTabs(s, { a: ["ses_1", "ses_2"], b: [] });
    expect(loadTabs(s)).toEqual({ a: ["ses_1", "ses_2"], b: [] });
  });

  it.each(["{not json", "null", "[]", '["ses_1"]', "7"])("gives no tabs for corrupted JSON %j", (raw) => {
    const s = storages();
    s.local.setItem("switchboard.tabs", raw);
    expect(loadTabs(s)).toEqual({});
  });

  it("keeps only lists of session ids", () => {
    const s = storages();
    s.local.setItem("switchboard.tabs", JSON.stringify({ a: "ses_1", b: ["ses_2", 3, null], c: null }));
    expect(loadTabs(s)).toEqual({ b: ["ses_2"] });
  });

  it("keeps ids named like Object.prototype members as plain keys, across a save and a reload", () => {
    const s = storages();
    s.local.setItem("switchboard.tabs", '{"__proto__":["ses_a"],"constructor":["ses_b"],"i":["constructor","__proto__","toString"]}');
    const tabs = loadTabs(s);
    expect(tabs.constructor).toEqual(["ses_b"]);
    expect(tabs.toString).toBeUndefined();
    expect(tabs.hasOwnProperty).toBeUndefined();
    // `__proto__` cannot be a key of the app's stores (Solid refuses to write it): dropped on load.
    expect(Object.keys(tabs)).toEqual(["constructor", "i"]);
    expect(tabs.i).toEqual(["constructor", "toString"]);
    saveTabs(s, JSON.parse(JSON.stringify(tabs)));
    const again = loadTabs(s);
    expect(again.constructor).toEqual(["ses_b"]);
    expect(Object.keys(again)).toEqual(["constructor", "i"]);
  });

  it("gives no tabs when storage throws", () => {
    expect(loadTabs({ local: throwingStorage })).toEqual({});
    expect(() => saveTabs({ local: throwingStorage }, { a: ["x"] })).not.toThrow();
  });
});

describe("loadReconnectTuning", () => {
  const withTuning = (value: unknown) => {
    const s = storages();
    s.local.setItem("switchboard.reconnect", JSON.stringify(value));
    return loadReconnectTuning(s);
  };

  it("accepts positive numbers", () => {
    expect(withTuning({ baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 3 })).toEqual({ baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 3 });
  });

  it("drops zero, negatives, strings, null and unknown keys", () => {
    expect(withTuning({ baseDelayMs: 0, maxDelayMs: -5, maxAttempts: "3", extra: 9 })).toEqual({});
    expect(withTuning({ baseDelayMs: null, maxDelayMs: 100 })).toEqual({ maxDelayMs: 100 });
  });

  it("gives nothing when unset, corrupted or the storage throws", () => {
    expect(loadReconnectTuning(storages())).toEqual({});
    expect(withTuning(null)).toEqual({});
    expect(withTuning([1, 2, 3])).toEqual({});
    const s = storages();
    s.local.setItem("switchboard.reconnect", "{oops");
    expect(loadReconnectTuning(s)).toEqual({});
    expect(loadReconnectTuning({ local: throwingStorage })).toEqual({});
  });
});

describe("saveDiffLayout / loadDiffLayout", () => {
  it("keeps Side by side, and reads anything else (nothing, junk, no storage) as Unified", () => {
    const local = new MemoryStorage();
    expect(loadDiffLayout({ local })).toBe("line-by-line");
    saveDiffLayout({ local }, "side-by-side");
    expect(loadDiffLayout({ local })).toBe("side-by-side");
    saveDiffLayout({ local }, "line-by-line");
    expect(loadDiffLayout({ local })).toBe("line-by-line");
    local.setItem("switchboard.diffLayout", "{not json");
    expect(loadDiffLayout({ local })).toBe("line-by-line");
    local.setItem("switchboard.diffLayout", JSON.stringify({ layout: "side-by-side" }));
    expect(loadDiffLayout({ local })).toBe("line-by-line");
    expect(loadDiffLayout({ local: throwingStorage })).toBe("line-by-line");
    expect(() => saveDiffLayout({ local: throwingStorage }, "side-by-side")).not.toThrow();
    expect(loadDiffLayout({})).toBe("line-by-line");
  });
});
