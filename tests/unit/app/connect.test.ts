import { describe, expect, it } from "vitest";
import type { ProbeResult } from "../../../src/api/probe";
import { connectAddress, updateInstance, type ConnectDeps } from "../../../src/app/connect";
import type { SavedInstance } from "../../../src/app/persistence";

const ok: Extract<ProbeResult, { ok: true }> = { ok: true, version: "1.18.33", path: undefined, projects: [] };
const values = (address: string, extra: Partial<{ password: string; label: string; rememberPassword: boolean }> = {}) => ({
  address,
  password: "",
  label: "",
  rememberPassword: false,
  ...extra,
});

/** Deps over a plain list; the probe answers `answer` (ok by default) and counts its calls. */
function deps(saved: SavedInstance[] = [], answer: (config: SavedInstance) => ProbeResult = () => ok) {
  const probed: SavedInstance[] = [];
  const rig: ConnectDeps & { probed: SavedInstance[]; list: SavedInstance[] } = {
    list: saved,
    probed,
    saved: () => rig.list,
    probe: async (config) => (probed.push(config), answer(config)),
    add: (config) => void rig.list.push(config),
    update: (config) => void (rig.list = rig.list.map((item) => (item.id === config.id ? config : item))),
  };
  return rig;
}

const added: SavedInstance = { id: "127-0-0-1-4096", baseUrl: "http://127.0.0.1:4096", rememberPassword: false };

describe("connectAddress", () => {
  it("adds a new server under the id of its address", async () => {
    const rig = deps();
    expect(await connectAddress(values("4096"), rig)).toEqual({ instanceId: "127-0-0-1-4096" });
    expect(rig.list).toEqual([
      { id: "127-0-0-1-4096", baseUrl: "http://127.0.0.1:4096", label: undefined, password: undefined, rememberPassword: false },
    ]);
  });

  it.each(["4096", "localhost:4096", "127.0.0.1:4096", "http://[::1]:4096/"])(
    "finds %s already added: selects it, says so, probes nothing",
    async (address) => {
      const rig = deps([added]);
      expect(await connectAddress(values(address), rig)).toEqual({
        instanceId: added.id,
        notice: "Port 4096 is already added; it is selected.",
      });
      expect(rig.list).toHaveLength(1);
      expect(rig.probed).toHaveLength(0);
    },
  );

  it("names the label of the server already added", async () => {
    const rig = deps([{ ...added, label: "webshop" }]);
    expect(await connectAddress(values("localhost:4096"), rig)).toEqual({
      instanceId: added.id,
      notice: "Port 4096 is already added as “webshop”; it is selected.",
    });
  });

  it("takes a new password for a server already added, once it works", async () => {
    const rig = deps([added], (config) =>
      config.password === "right" ? ok : { ok: false, kind: "wrong-password", message: "Port 4096 refused the password." },
    );
    expect(await connectAddress(values("localhost:4096", { password: "wrong" }), rig)).toEqual({
      error: "Port 4096 refused the password.",
    });
    expect(rig.list[0].password).toBeUndefined();
    expect(await connectAddress(values("localhost:4096", { password: "right", rememberPassword: true }), rig)).toEqual({
      instanceId: added.id,
      notice: "Port 4096 is already added; its password is updated.",
    });
    expect(rig.list).toEqual([{ ...added, password: "right", rememberPassword: true }]);
  });

  it("says why an address was refused", async () => {
    expect(await connectAddress(values("hello world !!"), deps())).toEqual({
      error: expect.stringMatching(/^“hello world !!” is not a port or URL\./),
    });
  });

  it("finds a server already added behind a URL with a path", async () => {
    const rig = deps([added], (config) =>
      new URL(config.baseUrl).pathname === "/" ? ok : { ok: false, kind: "not-opencode", message: "not OpenCode" },
    );
    // The path makes it another key, so it is probed; its origin is the one already added.
    expect(await connectAddress(values("http://localhost:4096/app"), rig)).toEqual({
      instanceId: added.id,
      notice: "Port 4096 is already added; it is selected.",
    });
    expect(rig.list).toHaveLength(1);
  });
});

describe("updateInstance", () => {
  it("keeps the old settings when the probe refuses the new password", async () => {
    const rig = deps([{ ...added, password: "old", rememberPassword: true }], () => ({
      ok: false,
      kind: "wrong-password",
      message: "refused",
    }));
    expect(await updateInstance(rig.list[0], { password: "new", rememberPassword: false }, rig)).toEqual({ error: "refused" });
    expect(rig.list[0]).toMatchObject({ password: "old", rememberPassword: true });
  });
});
