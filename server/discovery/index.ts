/** The platform reader for this OS; Linux reads /proc, macOS runs lsof, Windows PowerShell. */
import { makeLinuxReader } from "./linux.js";
import { makeMacosReader } from "./macos.js";
import type { PlatformReader } from "./types.js";
import { makeWindowsReader } from "./windows.js";

export function platformReader(platform: NodeJS.Platform = process.platform): PlatformReader {
  if (platform === "darwin") return makeMacosReader();
  if (platform === "win32") return makeWindowsReader();
  return makeLinuxReader();
}
