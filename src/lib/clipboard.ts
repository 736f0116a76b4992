/**
 * Putting text on the clipboard. The Clipboard API needs a secure context (https, localhost or
 * 127.0.0.1) and may be refused by the browser's permissions; the old `execCommand("copy")` on a
 * selected text area still works in most of those cases, while the click that asked for it is
 * being handled. When both fail the error says what the person can do instead.
 */
export async function copyText(
  text: string,
  clipboard: Pick<Clipboard, "writeText"> | undefined = globalThis.navigator?.clipboard,
): Promise<void> {
  try {
    if (!clipboard?.writeText) throw new Error("no Clipboard API here");
    await clipboard.writeText(text);
    return;
  } catch {
    if (copyBySelection(text)) return;
  }
  throw new Error("The browser did not allow copying: select the text and copy it with the keyboard instead.");
}

function copyBySelection(text: string): boolean {
  if (typeof document === "undefined" || typeof document.execCommand !== "function") return false;
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  const focused = document.activeElement;
  document.body.append(area);
  try {
    area.focus();
    area.select();
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
    if (focused instanceof HTMLElement) focused.focus();
  }
}
