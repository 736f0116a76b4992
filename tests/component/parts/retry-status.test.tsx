import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@solidjs/testing-library";
import { RetryStatus } from "../../../src/ui/parts/retry-status";
import { retryStatus } from "../../fixtures/parts";

afterEach(cleanup);

describe("RetryStatus", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts down to the next attempt, second by second", () => {
    vi.setSystemTime(retryStatus.next - 4000);
    render(() => <RetryStatus status={{ ...retryStatus, attempt: 2 }} />);
    expect(screen.getByRole("status")).toHaveTextContent("Retrying (attempt 2) in 4 s: fake upstream error");
    vi.advanceTimersByTime(1000);
    expect(screen.getByRole("status")).toHaveTextContent("Retrying (attempt 2) in 3 s: fake upstream error");
    vi.advanceTimersByTime(3000);
    expect(screen.getByRole("status")).toHaveTextContent("Retrying (attempt 2) now: fake upstream error");
  });

  it("rounds a partial second up and uses an injected clock", () => {
    let now = retryStatus.next - 1500;
    render(() => <RetryStatus status={retryStatus} now={() => now} />);
    expect(screen.getByRole("status")).toHaveTextContent("Retrying (attempt 3) in 2 s: fake upstream error");
    now += 600;
    vi.advanceTimersByTime(1000);
    expect(screen.getByRole("status")).toHaveTextContent("in 1 s");
  });

  it("shows a provider action with a safe link only", () => {
    vi.setSystemTime(retryStatus.next - 1000);
    const action = { reason: "quota", provider: "fake", title: "Add credits", message: "Out of credits.", label: "Billing" };
    const { unmount } = render(() => (
      <RetryStatus status={{ ...retryStatus, action: { ...action, link: "https://example.com/billing" } }} />
    ));
    expect(screen.getByRole("link", { name: "Billing" })).toHaveAttribute("href", "https://example.com/billing");
    unmount();
    render(() => <RetryStatus status={{ ...retryStatus, action: { ...action, link: "javascript:alert(1)" } }} />);
    expect(screen.getByRole("status")).toHaveTextContent("Out of credits.");
    expect(screen.queryByRole("link")).toBeNull();
  });
});
