/**
 * What "Connect" does with an address, and with a password typed for a server already added: parse,
 * recognise a server that is already there (any loopback name of one port is one server), probe, and
 * add or update. Pure of Solid and of the switchboard's maps: the switchboard hands in what it holds.
 */
import { instanceIdFor, parseInstanceAddress, serverKey } from "../api/instance";
import { describeAddress, type ProbeResult } from "../api/probe";
import { probeAddress } from "../api/probe-address";
import type { SavedInstance } from "./persistence";

/** An error sentence to show, or the instance to select with an optional sentence about it. */
export type ConnectResult = { error: string } | { instanceId: string; notice?: string };

export interface ConnectValues {
  address: string;
  password: string;
  rememberPassword: boolean;
  label: string;
}

export interface ConnectDeps {
  /** The instances added so far. */
  saved: () => SavedInstance[];
  probe: (config: SavedInstance) => Promise<ProbeResult>;
  /** Adds a new instance that answered `result`. */
  add: (config: SavedInstance, result: Extract<ProbeResult, { ok: true }>) => void;
  /** Replaces the config of an instance already added (same id) that answered `result`. */
  update: (config: SavedInstance, result: Extract<ProbeResult, { ok: true }>) => void;
}

export async function connectAddress(values: ConnectValues, deps: ConnectDeps): Promise<ConnectResult> {
  const parsed = parseInstanceAddress(values.address);
  if (!parsed.ok) return { error: parsed.message };
  const sameServer = (baseUrl: string) => deps.saved().find((saved) => serverKey(saved.baseUrl) === serverKey(baseUrl));
  const already = sameServer(parsed.baseUrl);
  if (already) {
    // Typed again with nothing new: select it. With a password or a label: that is what changes.
    if (!values.password && !values.label) return { instanceId: already.id, notice: alreadyAdded(already) };
    const changed = await updateInstance(
      already,
      { password: values.password || undefined, rememberPassword: values.rememberPassword, label: values.label },
      deps,
    );
    if ("error" in changed) return changed;
    return { instanceId: already.id, notice: `${alreadyAdded(already, "")}; its ${values.password ? "password" : "label"} is updated.` };
  }
  const typed: SavedInstance = {
    id: instanceIdFor(parsed.baseUrl),
    baseUrl: parsed.baseUrl,
    label: values.label || undefined,
    password: values.password || undefined,
    rememberPassword: values.rememberPassword,
  };
  const probed = await probeAddress(typed, deps.probe);
  if (!probed.result.ok) return { error: probed.result.message };
  // Without its path, the address may be a server already added.
  const atOrigin = sameServer(probed.config.baseUrl);
  if (atOrigin) return { instanceId: atOrigin.id, notice: alreadyAdded(atOrigin) };
  const config = { ...probed.config, id: instanceIdFor(probed.config.baseUrl) };
  deps.add(config, probed.result);
  return { instanceId: config.id, notice: probed.notice };
}

/**
 * A new password (or label) for an instance already added: probed first, so a wrong password is
 * told in a sentence and the old settings stay.
 */
export async function updateInstance(
  saved: SavedInstance,
  change: { password?: string; rememberPassword?: boolean; label?: string },
  deps: Pick<ConnectDeps, "probe" | "update">,
): Promise<{ error: string } | { ok: true }> {
  const config: SavedInstance = {
    ...saved,
    label: change.label || saved.label,
    password: change.password ?? saved.password,
    rememberPassword: change.password !== undefined ? Boolean(change.rememberPassword) : saved.rememberPassword,
  };
  const result = await deps.probe(config);
  if (!result.ok) return { error: result.message };
  deps.update(config, result);
  return { ok: true };
}

function alreadyAdded(saved: SavedInstance, tail = "; it is selected."): string {
  return `${describeAddress(saved.baseUrl)} is already added${saved.label ? ` as “${saved.label}”` : ""}${tail}`;
}
