/** The header's "Context 1,234 / 128,000 (1 %) · $0.01": how full the model's context is and what the session cost. */
import { Show } from "solid-js";
import type { ContextUsage } from "../app/context-usage";
import { formatNumber } from "../lib/count";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });

export function ContextUsageView(props: { usage: ContextUsage | undefined }) {
  return (
    <Show when={props.usage}>
      {(usage) => (
        <span class="text-xs text-zinc-500" aria-label="Context and cost">
          Context {formatNumber(usage().tokens)}
          <Show when={usage().limit}>
            {(limit) => (
              <>
                {" "}
                / {formatNumber(limit())} ({Math.round((usage().tokens / limit()) * 100)} %)
              </>
            )}
          </Show>
          {" · "}
          {money.format(usage().cost)}
        </span>
      )}
    </Show>
  );
}
