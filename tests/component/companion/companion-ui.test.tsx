/**
 * The companion's pieces of the interface, by role: the "Start server" dialog, the server panel's
 * buttons per kind of server, the stop confirmation, the server log, and the hint shown when no
 * companion served the page.
 */
import "../shell/setup";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { LocalServer, LogLine } from "../../../shared/companion-api";
import { DiscoveryStatus } from "../../../src/ui/discovery-status";
import { ServerLog } from "../../../src/ui/server-log";
import { ServerPanel } from "../../../src/ui/server-panel";
import { StartServerDialog } from "../../../src/ui/start-server-dialog";
import { StopServerDialog } from "../../../src/ui/stop-server-dialog";

const server = (extra: Partial<LocalServer> = {}): LocalServer => ({
  id: "5000-42-7",
  port: 5000,
  url: "http://127.0.0.1:5000",
  pid: 42,
  startTime: "7",
  command: "/usr/bin/opencode serve --port 5000",
  directory: "/home/ana/webshop",
  how: "serve",
  locked: false,
  ownership: "own",
  ...extra,
});

describe("Start server", () => {
  it("asks for a directory (recent ones offered) and an optional port, and hands them on", async () => {
    const user = userEvent.setup();
    const onStart = vi.fn(async () => undefined);
    render(() => <StartServerDialog recentDirectories={["/home/ana/webshop", "/srv/api"]} onStart={onStart} />);
    await user.click(screen.getByRole("button", { name: "Start server" }));
    const dialog = await screen.findByRole("dialog");
    const directory = within(dialog).getByRole("combobox", { name: "Directory" });
    expect(directory).toHaveValue("/home/ana/webshop");
    expect([...document.querySelectorAll("#recent-directories option")].map((o) => o.getAttribute("value"))).toEqual([
      "/home/ana/webshop",
      "/srv/api",
    ]);
    await user.clear(directory);
    await user.type(directory, "/srv/api");
    await user.type(within(dialog).getByRole("textbox", { name: "Port" }), "5123");
    await user.click(within(dialog).getByRole("button", { name: "Start" }));
    expect(onStart).toHaveBeenCalledWith({ directory: "/srv/api", port: 5123 });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("shows the sentence and the server's last log lines when it did not start", async () => {
    const user = userEvent.setup();
    render(() => (
      <StartServerDialog
        recentDirectories={[]}
        onStart={async () => ({ error: "The server exited during start-up (code 1).", logs: ["Error: bad config"] })}
      />
    ));
    await user.click(screen.getByRole("button", { name: "Start server" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("combobox", { name: "Directory" }), "/tmp");
    await user.click(within(dialog).getByRole("button", { name: "Start" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("The server exited during start-up (code 1).");
    expect(alert).toHaveTextContent("Error: bad config");
  });

  it("says so when the port is not a number, without calling the companion", async () => {
    const user = userEvent.setup();
    const onStart = vi.fn(async () => undefined);
    render(() => <StartServerDialog recentDirectories={["/tmp"]} onStart={onStart} />);
    await user.click(screen.getByRole("button", { name: "Start server" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: "Port" }), "eighty");
    await user.click(within(dialog).getByRole("button", { name: "Start" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("is not a port");
    expect(onStart).not.toHaveBeenCalled();
  });
});

describe("the server panel", () => {
  const handlers = () => ({ onLogs: vi.fn(), onRestart: vi.fn(), onStop: vi.fn(), onStopOnExit: vi.fn() });

  it("offers Logs, Restart server, Stop server and stop-on-exit for a server Switchboard started", async () => {
    const user = userEvent.setup();
    const h = handlers();
    render(() => (
      <ServerPanel
        server={server({ ownership: "started", password: "pw" })}
        health={{
          version: "1.18.33",
          uptimeSeconds: 125,
          memoryBytes: 330 * 1024 ** 2,
          cpuPercent: 0.4,
          mcp: { github: "connected" },
          lsp: [],
          problems: [],
        }}
        {...h}
      />
    ));
    await user.click(screen.getByRole("button", { name: "Logs" }));
    await user.click(screen.getByRole("button", { name: "Restart server" }));
    await user.click(screen.getByRole("button", { name: "Stop server" }));
    await user.click(screen.getByRole("checkbox", { name: "Stop when Switchboard exits" }));
    expect([h.onLogs, h.onRestart, h.onStop].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
    expect(h.onStopOnExit).toHaveBeenCalledWith(true);
    const panel = screen.getByRole("region", { name: "Server process" });
    for (const text of ["1.18.33", "2 min", "330 MB", "0.4% of a core", "github: connected", "none running"])
      expect(panel).toHaveTextContent(text);
  });

  it("offers only Stop server for the user's own server found on this machine, and nothing for another user's", () => {
    const { unmount } = render(() => <ServerPanel server={server()} {...handlers()} />);
    expect(screen.getByText(/Found on this machine: opencode serve, pid 42/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Logs" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Restart server" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Stop server" })).toBeInTheDocument();
    unmount();
    render(() => <ServerPanel server={server({ pid: undefined, ownership: "foreign" })} {...handlers()} />);
    expect(screen.queryByRole("button", { name: "Stop server" })).not.toBeInTheDocument();
  });

  it("confirms a stop by naming the pid, the command and the directory; the confirming button is Stop", async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(() => <StopServerDialog server={server()} onConfirm={onConfirm} onCancel={vi.fn()} />);
    const dialog = await screen.findByRole("alertdialog");
    expect(dialog).toHaveTextContent("42");
    expect(dialog).toHaveTextContent("/usr/bin/opencode serve --port 5000");
    expect(dialog).toHaveTextContent("/home/ana/webshop");
    await user.click(within(dialog).getByRole("button", { name: "Stop" }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe("the server log", () => {
  const lines: LogLine[] = [
    { seq: 1, level: "INFO", text: "level=INFO message=starting" },
    { seq: 2, level: "WARN", text: "level=WARN message=slow" },
    { seq: 3, level: "ERROR", text: "level=ERROR message=boom" },
  ];

  it("is a log named Server log, filters by level and copies what it shows", async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(() => <ServerLog lines={lines} />);
    const log = screen.getByRole("log", { name: "Server log" });
    expect(log).toHaveTextContent("starting");
    expect(screen.getByText("3 lines")).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "Level" }), "WARN and above");
    expect(log).not.toHaveTextContent("starting");
    expect(log).toHaveTextContent("slow");
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith("level=WARN message=slow\nlevel=ERROR message=boom");
    await user.selectOptions(screen.getByRole("combobox", { name: "Level" }), "ERROR only");
    expect(screen.getByText("1 line")).toBeInTheDocument();
  });
});

describe("without the companion", () => {
  it("says where discovery would come from", () => {
    render(() => <DiscoveryStatus available={false} autoAdd={false} onAutoAdd={vi.fn()} />);
    expect(screen.getByText(/to find servers on this machine/)).toHaveTextContent(
      "Start Switchboard with npm start to find servers on this machine.",
    );
    expect(screen.queryByRole("checkbox")).not.toBeInTheDocument();
  });

  it("with it, offers the setting that adds servers found", async () => {
    const user = userEvent.setup();
    const onAutoAdd = vi.fn();
    render(() => <DiscoveryStatus available autoAdd onAutoAdd={onAutoAdd} />);
    await user.click(screen.getByRole("checkbox", { name: "Add servers found on this machine" }));
    expect(onAutoAdd).toHaveBeenCalledWith(false);
  });
});
