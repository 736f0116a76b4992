import "./setup";
import { render, screen, waitFor } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createSignal } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import { PromptBox, type PromptBoxProps } from "../../../src/ui/prompt-box";

function setup(overrides: Partial<PromptBoxProps> = {}) {
  const onSend = vi.fn<PromptBoxProps["onSend"]>(async () => undefined);
  const onStop = vi.fn<PromptBoxProps["onStop"]>(async () => undefined);
  const user = userEvent.setup();
  render(() => <PromptBox busy={false} connected onSend={onSend} onStop={onStop} {...overrides} />);
  return {
    user,
    onSend: overrides.onSend ?? onSend,
    onStop: overrides.onStop ?? onStop,
    box: screen.getByRole("textbox", { name: "Message" }),
  };
}

describe("PromptBox", () => {
  it("sends the text with Enter and empties the box", async () => {
    const { user, onSend, box } = setup();
    await user.type(box, "Fix the failing test{Enter}");
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend).toHaveBeenCalledWith("Fix the failing test", [], []);
    await waitFor(() => expect(box).toHaveValue(""));
  });

  it("adds a line with Shift+Enter instead of sending", async () => {
    const { user, onSend, box } = setup();
    await user.type(box, "first line{Shift>}{Enter}{/Shift}second line");
    expect(onSend).not.toHaveBeenCalled();
    expect(box).toHaveValue("first line\nsecond line");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(onSend).toHaveBeenCalledWith("first line\nsecond line", [], []);
  });

  it("sends with the Send button", async () => {
    const { user, onSend, box } = setup();
    await user.type(box, "hello");
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(onSend).toHaveBeenCalledWith("hello", [], []);
  });

  it("does not send an empty or blank message", async () => {
    const { user, onSend, box } = setup();
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
    await user.type(box, "   {Enter}");
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
  });

  it("disables Send while the session is busy, and Enter does not send either", async () => {
    const { user, onSend, box } = setup({ busy: true });
    await user.type(box, "one more thing{Enter}");
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
    expect(onSend).not.toHaveBeenCalled();
    expect(box).toHaveValue("one more thing");
  });

  it("lets the user type while disconnected but sends only once connected", async () => {
    const [connected, setConnected] = createSignal(false);
    const onSend = vi.fn(async () => undefined);
    const user = userEvent.setup();
    render(() => <PromptBox busy={false} connected={connected()} onSend={onSend} onStop={vi.fn()} />);
    const box = screen.getByRole("textbox", { name: "Message" });
    await user.type(box, "queued words{Enter}");
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
    setConnected(true);
    expect(screen.getByRole("button", { name: "Send" })).toBeEnabled();
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(onSend).toHaveBeenCalledWith("queued words", [], []);
  });

  it("enables Stop only while busy, and Stop calls onStop", async () => {
    const [busy, setBusy] = createSignal(false);
    const onStop = vi.fn(async () => undefined);
    const user = userEvent.setup();
    render(() => <PromptBox busy={busy()} connected onSend={vi.fn()} onStop={onStop} />);
    expect(screen.getByRole("button", { name: "Stop" })).toBeDisabled();
    setBusy(true);
    await user.click(screen.getByRole("button", { name: "Stop" }));
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it("keeps the text and shows the error when sending fails", async () => {
    const onSend = vi.fn(async () => {
      throw new Error("Could not send the prompt (HTTP 500): Internal error.");
    });
    const { user, box } = setup({ onSend });
    await user.type(box, "precious words{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not send the prompt (HTTP 500): Internal error.");
    expect(box).toHaveValue("precious words");
    expect(screen.getByRole("button", { name: "Send" })).toBeEnabled();
  });

  it("clears the error once a later send works", async () => {
    const onSend = vi
      .fn<PromptBoxProps["onSend"]>()
      .mockRejectedValueOnce(new Error("Could not send the prompt."))
      .mockResolvedValue(undefined);
    const { user, box } = setup({ onSend });
    await user.type(box, "retry me{Enter}");
    await screen.findByRole("alert");
    await user.type(box, "{Enter}");
    await waitFor(() => expect(screen.queryByRole("alert")).not.toBeInTheDocument());
    expect(onSend).toHaveBeenLastCalledWith("retry me", [], []);
    await waitFor(() => expect(box).toHaveValue(""));
  });

  it("shows the error when stopping fails", async () => {
    const onStop = vi.fn(async () => {
      throw new Error("Could not stop the session (HTTP 404).");
    });
    const { user } = setup({ busy: true, onStop });
    await user.click(screen.getByRole("button", { name: "Stop" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not stop the session (HTTP 404).");
  });

  it("does not send twice while a send is under way, and keeps what was typed meanwhile", async () => {
    let finish!: () => void;
    const onSend = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { user, box } = setup({ onSend });
    await user.type(box, "first{Enter}");
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
    await user.type(box, "{Enter}");
    expect(onSend).toHaveBeenCalledTimes(1);
    await user.type(box, " and more");
    finish();
    await waitFor(() => expect(screen.getByRole("button", { name: "Send" })).toBeEnabled());
    expect(box).toHaveValue("first and more");
  });

  it("grows with its text, borders included, and measures nothing while empty", async () => {
    // jsdom lays nothing out: give the box what a browser would (two rows of 20 px, 8 px of padding
    // above and below, a 1 px border), and count the reads that would force a layout.
    let reads = 0;
    const geometry = (value: (box: HTMLTextAreaElement) => number) => ({
      configurable: true,
      get(this: HTMLElement) {
        if (!(this instanceof HTMLTextAreaElement)) return 0;
        reads++;
        return value(this);
      },
    });
    const lines = (box: HTMLTextAreaElement) => Math.max(2, box.value.split("\n").length);
    const saved = ["scrollHeight", "offsetHeight", "clientHeight"].map(
      (name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const,
    );
    Object.defineProperty(
      HTMLElement.prototype,
      "scrollHeight",
      geometry((box) => lines(box) * 20 + 16),
    );
    Object.defineProperty(
      HTMLElement.prototype,
      "clientHeight",
      geometry((box) => lines(box) * 20 + 16),
    );
    Object.defineProperty(
      HTMLElement.prototype,
      "offsetHeight",
      geometry((box) => lines(box) * 20 + 18),
    );
    try {
      const { user, box } = setup();
      // Opening a session: an empty box keeps its two rows, and nothing forced a layout.
      expect(reads).toBe(0);
      expect(box.style.height).toBe("");
      await user.type(box, "a{Shift>}{Enter}{/Shift}b{Shift>}{Enter}{/Shift}c");
      // Three lines: 60 px of text, 16 of padding and 2 of border, sized border-box.
      expect(box.style.height).toBe("78px");
      await user.clear(box);
      expect(box.style.height).toBe("");
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
        else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
      }
    }
  });
});
