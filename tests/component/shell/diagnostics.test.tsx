/** The diagnostics disclosure: what it shows, and the plain-text report its Copy button copies. */
import "./setup";
import { render, screen, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { publicAddress } from "../../../src/app/diagnostics";
import { Diagnostics, formatDiagnostics, type DiagnosticsReport } from "../../../src/ui/diagnostics";

const AT = Date.UTC(2026, 10, 28, 12, 0, 0);

function report(changes: Partial<DiagnosticsReport> = {}): DiagnosticsReport {
  return {
    generatedAt: AT,
    server: "http://127.0.0.1:4096",
    label: "webshop",
    passwordSet: true,
    version: "1.18.33",
    status: "Connected",
    counts: {
      received: 1234,
      connections: 3,
      drops: 2,
      failedAttempts: 1,
      streamFailures: 1,
      lastStreamFailures: [{ at: AT, message: "The server sent an event longer than 16 MB without finishing it." }],
    },
    dropped: { unknown: 1, malformed: 2, internal: 1 },
    recentDrops: [
      { reason: "malformed", type: "message.updated", detail: "its payload lacks fields this event needs", at: AT },
      { reason: "internal", type: "session.status", detail: "TypeError: x is undefined", at: AT },
    ],
    renderErrors: [{ what: "part", message: "Error: cannot read text", at: AT }],
    syncError: "Could not refresh pending requests (permissions and questions) in /home/dev/beta: …",
    sessions: 12,
    userAgent: "test",
    ...changes,
  };
}

describe("formatDiagnostics", () => {
  it("tells counts, drops by reason and the last errors, one fact a line", () => {
    const text = formatDiagnostics(report());
    expect(text).toContain("Server: http://127.0.0.1:4096 (webshop), password set");
    expect(text).toContain("Events received: 1234");
    expect(text).toContain("Events dropped: 4 (unknown type 1, malformed 2, internal error 1)");
    expect(text).toContain("Connections opened: 3, lost: 2, failed attempts: 1, streams dropped with a reason: 1");
    expect(text).toContain("12:00:00 internal error session.status: TypeError: x is undefined");
    expect(text).toContain("12:00:00 The server sent an event longer than 16 MB");
    expect(text).toContain("12:00:00 part: Error: cannot read text");
    expect(text).toContain("Last reload problem: Could not refresh pending requests");
  });

  it("never carries credentials from the address", () => {
    expect(publicAddress("http://ann:s3cret@example.com:4096/base?token=x#y")).toBe("http://example.com:4096/base");
    expect(publicAddress("not a url")).not.toContain("not a url");
  });
});

describe("Diagnostics", () => {
  it("is a disclosure named Diagnostics that shows the counts, and Copy copies the report", async () => {
    const user = userEvent.setup();
    const copy = vi.fn(async () => undefined);
    const read = vi.fn(() => report());
    render(() => <Diagnostics read={read} copy={copy} />);
    const button = screen.getByRole("button", { name: "Diagnostics" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("region", { name: "Diagnostics" })).toBeNull();

    await user.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    const panel = screen.getByRole("region", { name: "Diagnostics" });
    expect(panel).toHaveTextContent("Events received1234");
    expect(panel).toHaveTextContent("2 malformed, 1 unknown type, 1 internal error");
    expect(panel).toHaveTextContent("Reconnects2 (2 lost, 1 failed attempt)");
    expect(panel).toHaveTextContent("session.status: TypeError: x is undefined");

    await user.click(within(panel).getByRole("button", { name: "Copy" }));
    expect(copy).toHaveBeenCalledExactlyOnceWith(formatDiagnostics(report()));
    expect(within(panel).getByRole("status")).toHaveTextContent("Copied");

    await user.click(button);
    expect(screen.queryByRole("region", { name: "Diagnostics" })).toBeNull();
  });

  it("shows the report to select by hand when the browser refuses to copy", async () => {
    const user = userEvent.setup();
    render(() => <Diagnostics read={() => report()} copy={() => Promise.reject(new DOMException("denied", "NotAllowedError"))} />);
    await user.click(screen.getByRole("button", { name: "Diagnostics" }));
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(screen.getByRole("alert")).toHaveTextContent("did not allow copying");
    expect((screen.getByRole("textbox", { name: "Diagnostics report" }) as HTMLTextAreaElement).value).toBe(formatDiagnostics(report()));
  });
});
