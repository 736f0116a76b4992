/**
 * What a session shows when its messages could not be loaded: the reason as a sentence, and a Retry.
 * Without it a failed load looked like a session with no messages.
 */
export function HistoryError(props: { message: string; onRetry: () => void }) {
  return (
    <div
      role="alert"
      class="flex flex-wrap items-center gap-2 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
    >
      <p class="min-w-0 flex-1">{props.message}</p>
      <button
        type="button"
        class="rounded-md border border-red-300 bg-white px-2.5 py-1 text-xs font-medium text-red-800 hover:bg-red-100 dark:border-red-800 dark:bg-zinc-900 dark:text-red-200 dark:hover:bg-red-950"
        onClick={() => props.onRetry()}
      >
        Retry
      </button>
    </div>
  );
}
