import "./setup";
import { render, screen } from "@solidjs/testing-library";
import { createSignal, Show } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useSecondClock } from "../../../src/ui/clock";

afterEach(() => vi.useRealTimers());

function Reader(props: { name: string }) {
  const now = useSecondClock();
  return <p aria-label={props.name}>{now()}</p>;
}

describe("useSecondClock", () => {
  it("is one clock: two displays mounted half a second apart change in the same instant", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const [second, setSecond] = createSignal(false);
    render(() => (
      <>
        <Reader name="first" />
        <Show when={second()}>
          <Reader name="second" />
        </Show>
      </>
    ));
    vi.advanceTimersByTime(500);
    setSecond(true);
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(250);
      expect(screen.getByLabelText("second").textContent).toBe(screen.getByLabelText("first").textContent);
    }
  });

  it("runs no timer once nothing reads it", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { unmount } = render(() => <Reader name="only" />);
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
