/**
 * Keyboard behaviour of a WAI-ARIA tablist whose selection belongs to someone else (the URL).
 *
 * Why not Kobalte's Tabs: when the selected value is missing from its list (no session in the URL, or
 * the selected tab was just closed) it selects the first tab by itself and reports that as a change,
 * which made it a second owner of "which session is shown": a closed tab's neighbour was replaced by
 * the first tab, and `/i/:instance` jumped to a session nobody clicked. Here the tablist only ever
 * reports what the user did.
 */

export interface TablistKeyOptions {
  /** The user moved to this tab with the keyboard (automatic activation: it is selected too). */
  onSelect: (id: string) => void;
  /** Delete on a tab (the pattern's optional "delete" key); omit where tabs cannot close. */
  onDelete?: (id: string) => void;
}

/** The tabs of the tablist that holds `tab`, in order. */
function tabsOf(tab: HTMLElement): HTMLElement[] {
  const list = tab.closest('[role="tablist"]');
  return list ? Array.from(list.querySelectorAll<HTMLElement>('[role="tab"]')) : [tab];
}

/**
 * Handles ArrowLeft/ArrowRight (wrapping), Home, End and Delete on a tab whose `data-tab-id` names it.
 * Returns nothing; calls `preventDefault` for the keys it handled.
 */
export function onTabKeyDown(event: KeyboardEvent, options: TablistKeyOptions): void {
  const tab = event.currentTarget as HTMLElement;
  const id = tab.dataset.tabId;
  if (!id) return;
  if (event.key === "Delete" && options.onDelete) {
    event.preventDefault();
    options.onDelete(id);
    return;
  }
  const tabs = tabsOf(tab);
  const index = tabs.indexOf(tab);
  const target =
    event.key === "ArrowRight"
      ? tabs[(index + 1) % tabs.length]
      : event.key === "ArrowLeft"
        ? tabs[(index - 1 + tabs.length) % tabs.length]
        : event.key === "Home"
          ? tabs[0]
          : event.key === "End"
            ? tabs[tabs.length - 1]
            : undefined;
  if (!target) return;
  event.preventDefault();
  target.focus();
  const targetId = target.dataset.tabId;
  if (targetId) options.onSelect(targetId);
}

/**
 * The roving tabindex: the selected tab is the one Tab reaches; with none selected, the first is.
 */
export function tabIndexFor(id: string, selected: string | undefined, ids: readonly string[]): 0 | -1 {
  if (selected !== undefined && ids.includes(selected)) return id === selected ? 0 : -1;
  return id === ids[0] ? 0 : -1;
}
