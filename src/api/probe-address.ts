/**
 * Probing the address a person typed, with the second try a person would make next. A URL with a
 * path that is not an OpenCode server is tried at its origin (a link copied from a page of the server
 * carries a path; OpenCode answers at the root). An https address where nothing answered is tried
 * over http, only to say so: switching a typed https to http silently would be a surprise.
 */
import type { InstanceConfig } from "./instance";
import type { ProbeResult } from "./probe";

export interface AddressProbe<C extends InstanceConfig> {
  /** The config to use: the one given, or the same at its origin when only that answered. */
  config: C;
  result: ProbeResult;
  /** Set when the config is not what was typed, to tell the person. */
  notice?: string;
}

export async function probeAddress<C extends InstanceConfig>(
  config: C,
  probe: (config: C) => Promise<ProbeResult>,
): Promise<AddressProbe<C>> {
  const result = await probe(config);
  if (result.ok) return { config, result };
  const url = new URL(config.baseUrl);
  if (result.kind === "not-opencode" && url.pathname.length > 1) {
    const atOrigin = { ...config, baseUrl: url.origin };
    const second = await probe(atOrigin);
    if (second.ok)
      return { config: atOrigin, result: second, notice: `Added ${url.origin}: OpenCode answers there, not under ${url.pathname}.` };
    return { config, result: { ...result, message: `${result.message} Tried ${url.origin} without the path too: ${second.message}` } };
  }
  if (result.kind === "unreachable" && url.protocol === "https:") {
    const plain = { ...config, baseUrl: `http:${config.baseUrl.slice("https:".length)}` };
    const second = await probe(plain);
    if (second.ok) {
      return {
        config,
        result: {
          ...result,
          message: `Nothing answered at ${config.baseUrl} over https, but an OpenCode server answers at ${plain.baseUrl}: the server is http, not https. Enter ${plain.baseUrl}.`,
        },
      };
    }
  }
  return { config, result };
}
