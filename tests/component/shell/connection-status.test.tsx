import "./setup";
import { render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConnectionStatus as Status } from "../../../src/transport/types";
import { ConnectionStatus, describeStatus, nextTry } from "../../../src/ui/connection-status";

const NOW = 1_795_236_000_000;

const states: Array<[Status, string]> = [
  [{ state: "connected", since: NOW }, "Connected"],
  [{ state: "connecting", attempt: 1 }, "Connecting"],
  [{ state: "reconnecting", attempt: 2, maxAttempts: 5, nextAttemptAt: NOW + 3_000 }, "Reconnecting"],
  [{ state: "offline", message: "Gave up after 5 attempts." }, "Offline"],
  [{ state: "error", reason: "unauthorized", message: "Port 4096 needs a password." }, "Error"],
];

afterEach(() => {
  vi.useRealTimers();
});

describe("ConnectionStatus", () => {
  it.each(states)("renders %o as a status starting with %s", (status, word) => {
    render(() => <ConnectionStatus status={status} />);
    const element = screen.getByRole("status");
    expect(element.textContent!.startsWith(word)).toBe(true);
    expect(element).toHaveAttribute("data-state", status.state);
    expect(element.dataset.state).toBe(word.toLowerCase());
  });

  it("says which attempt of how many while reconnecting, with the countdown when detailed", () => {
    vi.useFakeTimers({ now: NOW });
    render(() => (
      <ConnectionStatus status={{ state: "reconnecting", attempt: 2, maxAttempts: 5, nextAttemptAt: NOW + 3_000 }} detailed live={false} />
    ));
    expect(screen.getByText(/^Reconnecting/)).toHaveTextContent("Reconnecting: attempt 2 of 5, next try in 3 s");
  });

  // Announced every second (and twice: tab and panel) the countdown drowned everything else out.
  it("announces the attempt, not the seconds: the live region stays the same while the countdown ticks", () => {
    vi.useFakeTimers({ now: NOW });
    const status: Status = { state: "reconnecting", attempt: 1, maxAttempts: 8, nextAttemptAt: NOW + 3_000 };
    render(() => <ConnectionStatus status={status} />);
    const live = screen.getByRole("status");
    expect(live).toHaveTextContent(/^Reconnecting: attempt 1 of 8$/);
    const before = live.innerHTML;
    vi.advanceTimersByTime(2_000);
    expect(live.innerHTML).toBe(before);
  });

  it("is a live region only once per instance: the detailed one in the panel is not", () => {
    vi.useFakeTimers({ now: NOW });
    const status: Status = { state: "reconnecting", attempt: 1, maxAttempts: 8, nextAttemptAt: NOW + 3_000 };
    render(() => (
      <>
        <ConnectionStatus status={status} />
        <ConnectionStatus status={status} detailed live={false} />
      </>
    ));
    expect(screen.getAllByRole("status")).toHaveLength(1);
    const panel = screen.getByText(/next try in/).parentElement!.parentElement!;
    expect(panel).toHaveAttribute("data-state", "reconnecting");
    expect(panel).not.toHaveAttribute("role");
    vi.advanceTimersByTime(1_000);
    expect(panel).toHaveTextContent("Reconnecting: attempt 1 of 8, next try in 2 s");
    vi.advanceTimersByTime(2_000);
    expect(panel).toHaveTextContent(/^Reconnecting: attempt 1 of 8$/);
  });

  it("keeps the countdown out of what a detailed live region reads out", () => {
    vi.useFakeTimers({ now: NOW });
    render(() => <ConnectionStatus status={{ state: "reconnecting", attempt: 1, maxAttempts: 8, nextAttemptAt: NOW + 3_000 }} detailed />);
    expect(screen.getByText(", next try in 3 s")).toHaveAttribute("aria-hidden", "true");
  });

  it("shows a command in a message as code, without its backticks", () => {
    const message =
      "Gave up after 8 attempts. Nothing answered at http://127.0.0.1:4096. Check that `opencode serve --port 4096` is running.";
    render(() => <ConnectionStatus status={{ state: "offline", message }} detailed />);
    const status = screen.getByRole("status");
    expect(status).toHaveTextContent(
      "Offline: Gave up after 8 attempts. Nothing answered at http://127.0.0.1:4096. Check that opencode serve --port 4096 is running.",
    );
    expect(status.querySelector("code")).toHaveTextContent(/^opencode serve --port 4096$/);
    expect(status.textContent).not.toContain("`");
    expect(status).toHaveAttribute(
      "title",
      "Gave up after 8 attempts. Nothing answered at http://127.0.0.1:4096. Check that opencode serve --port 4096 is running.",
    );
  });

  it("keeps the detail for screen readers but shows it only when detailed", () => {
    const status: Status = { state: "offline", message: "Gave up after 5 attempts." };
    const { unmount } = render(() => <ConnectionStatus status={status} />);
    expect(screen.getByText(/^: Gave up after 5 attempts\.$/)).toHaveClass("sr-only");
    expect(screen.getByRole("status")).toHaveAttribute("title", "Gave up after 5 attempts.");
    unmount();
    render(() => <ConnectionStatus status={status} detailed />);
    expect(screen.getByText(/^: Gave up after 5 attempts\.$/)).not.toHaveClass("sr-only");
  });

  it("shows the error sentence", () => {
    render(() => <ConnectionStatus status={{ state: "error", reason: "unauthorized", message: "Port 4096 needs a password." }} detailed />);
    expect(screen.getByRole("status")).toHaveTextContent("Error: Port 4096 needs a password.");
  });

  it("follows a status that changes", () => {
    const [status, setStatus] = createSignal<Status>({ state: "connecting", attempt: 1 });
    render(() => <ConnectionStatus status={status()} />);
    expect(screen.getByRole("status")).toHaveAttribute("data-state", "connecting");
    setStatus({ state: "connected", since: NOW });
    expect(screen.getByRole("status")).toHaveAttribute("data-state", "connected");
    expect(screen.getByRole("status")).toHaveTextContent(/^Connected$/);
  });

  it("hides the dot from assistive tech", () => {
    render(() => <ConnectionStatus status={{ state: "connected", since: NOW }} />);
    const dot = screen.getByRole("status").querySelector("[aria-hidden='true']");
    expect(dot).not.toBeNull();
    expect(dot!.textContent).toBe("");
  });
});

describe("describeStatus", () => {
  it("calls a later attempt in progress Reconnecting, with its number", () => {
    expect(describeStatus({ state: "connecting", attempt: 1 })).toEqual({ word: "Connecting", detail: "" });
    expect(describeStatus({ state: "connecting", attempt: 3 })).toEqual({ word: "Reconnecting", detail: "attempt 3, trying now" });
  });

  it("sets data-state to the word it shows, also for a later attempt in progress", () => {
    render(() => <ConnectionStatus status={{ state: "connecting", attempt: 3 }} />);
    const status = screen.getByRole("status");
    expect(status).toHaveAttribute("data-state", "reconnecting");
    expect(status.textContent).toMatch(/^Reconnecting/);
  });
});

describe("nextTry", () => {
  it("rounds the countdown up and drops it once due", () => {
    const status: Status = { state: "reconnecting", attempt: 4, maxAttempts: 10, nextAttemptAt: NOW + 1_200 };
    expect(describeStatus(status).detail).toBe("attempt 4 of 10");
    expect(nextTry(status, NOW)).toBe(", next try in 2 s");
    expect(nextTry(status, NOW + 5_000)).toBe("");
    const why = "http://127.0.0.1:4096 answered the event stream with HTTP 502.";
    expect(describeStatus({ ...status, message: why }).detail).toBe(`${why} (attempt 4 of 10)`);
  });
});
