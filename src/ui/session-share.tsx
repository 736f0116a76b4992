/**
 * The session's sharing, in its header. "Share" first says plainly what sharing does (the server
 * uploads the conversation to a share service on the internet and anyone with the link can read it)
 * and publishes only after "Publish". A shared session shows its link and "Unshare". When the
 * server's config turns sharing off, "Share" says so instead of trying.
 */
import { Dialog } from "@kobalte/core/dialog";
import { createSignal, Show } from "solid-js";
import { safeExternalHref } from "./parts/format";
import { DialogFooter, ModalPanel } from "./modal";

export interface SessionShareProps {
  /** The session's public link, when it is shared. */
  url?: string;
  /** False when the server's config says `"share": "disabled"`; undefined while its config is being read. */
  enabled: boolean | undefined;
  /** Where the server publishes: its config's `enterprise.url`, or opencode's own service. */
  service?: string;
  onShare: () => Promise<void>;
  onUnshare: () => Promise<void>;
  /** The Share dialog opened: the time to read the server's settings (not before, see the header's wiring). */
  onOpen?: () => void;
}

const trigger =
  "rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800";
const secondary = "rounded-md border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-700";

const DEFAULT_SERVICE = "https://opncd.ai";
const messageOf = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

export function SessionShare(props: SessionShareProps) {
  const [open, setOpen] = createSignal(false);
  const [working, setWorking] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [unshareError, setUnshareError] = createSignal<string>();
  const service = () => props.service || DEFAULT_SERVICE;

  const publish = async () => {
    if (working()) return;
    setWorking(true);
    setError(undefined);
    try {
      await props.onShare();
      setOpen(false);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setWorking(false);
    }
  };

  const unshare = async () => {
    if (working()) return;
    setWorking(true);
    setUnshareError(undefined);
    try {
      await props.onUnshare();
    } catch (caught) {
      setUnshareError(messageOf(caught));
    } finally {
      setWorking(false);
    }
  };

  return (
    <Show
      when={props.url}
      fallback={
        <Dialog
          open={open()}
          onOpenChange={(next) => {
            setError(undefined);
            setOpen(next);
            if (next) props.onOpen?.();
          }}
        >
          <Dialog.Trigger class={trigger}>Share</Dialog.Trigger>
          <ModalPanel width="md" role="alertdialog">
            <Show
              when={props.enabled !== false}
              fallback={
                <>
                  <Dialog.Title class="text-base font-semibold">Sharing is turned off on this server</Dialog.Title>
                  <Dialog.Description class="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
                    This OpenCode server's config sets “share” to “disabled”, so it cannot publish sessions. Nothing was sent anywhere.
                  </Dialog.Description>
                  <div class="mt-4 flex justify-end">
                    <button type="button" class={secondary} onClick={() => setOpen(false)}>
                      Close
                    </button>
                  </div>
                </>
              }
            >
              <Dialog.Title class="text-base font-semibold">Publish this session on the internet?</Dialog.Title>
              <Dialog.Description as="div" class="mt-2 space-y-2 text-sm text-zinc-600 dark:text-zinc-300">
                <p>
                  Sharing uploads this whole conversation, with any code and file contents in it, to OpenCode's share service at {service()}
                  , and gives it a public link: anyone who has the link can read it. Later messages are uploaded too while it stays shared.
                </p>
                <p>The OpenCode server does the upload, so it needs internet access. Unshare takes the link down.</p>
              </Dialog.Description>
              <Show when={props.enabled === undefined}>
                <p role="status" class="mt-2 text-sm text-zinc-500">
                  Checking whether this server allows sharing…
                </p>
              </Show>
              <Show when={error()}>
                <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-300">
                  {error()}
                </p>
              </Show>
              <DialogFooter
                action="Publish"
                class="mt-4"
                disabled={working() || props.enabled === undefined}
                onCancel={() => setOpen(false)}
                onAction={() => void publish()}
              />
            </Show>
          </ModalPanel>
        </Dialog>
      }
    >
      {(url) => (
        <span class="flex items-center gap-1.5 text-xs">
          <Show when={safeExternalHref(url())} fallback={<span class="truncate">Shared: {url()}</span>}>
            {(href) => (
              <a
                href={href()}
                target="_blank"
                rel="noopener noreferrer nofollow"
                class="max-w-[16rem] truncate text-sky-700 underline dark:text-sky-400"
              >
                Shared: {href()}
              </a>
            )}
          </Show>
          <button type="button" class={trigger} disabled={working()} onClick={() => void unshare()}>
            Unshare
          </button>
          <Show when={unshareError()}>
            <span role="alert" class="text-red-700 dark:text-red-300">
              {unshareError()}
            </span>
          </Show>
        </span>
      )}
    </Show>
  );
}
