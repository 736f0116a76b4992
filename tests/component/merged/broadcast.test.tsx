/** Broadcast through the real router with two fake servers: pick targets, send, watch, export. */
import "../shell/setup";
import "./viewport";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../../../src/routes/app";
import { DIR, session } from "../app/rig";
import { twoServers } from "./two-servers";

afterEach(() => vi.restoreAllMocks());

describe("Broadcast", () => {
  it(
    "sends one prompt to a new session on each chosen target, shows the replies side by side and exports them",
    { timeout: 30_000 },
    async () => {
      const rig = await twoServers([session("ses_a1", "Review checkout")], [session("ses_b1", "Write docs")]);
      window.history.replaceState(null, "", "/all");
      render(() => <App switchboard={rig.board} />);
      const user = userEvent.setup();
      await screen.findByRole("region", { name: "All sessions" });

      await user.click(screen.getByRole("button", { name: "Broadcast" }));
      const dialog = await screen.findByRole("dialog");
      const send = within(dialog).getByRole("button", { name: "Send to all" });
      expect(send).toBeDisabled();
      await user.click(within(dialog).getByRole("checkbox", { name: `:4096 ${DIR}` }));
      await user.click(within(dialog).getByRole("checkbox", { name: `:4097 ${DIR}` }));
      await user.type(within(dialog).getByRole("textbox", { name: "Prompt" }), "say: hello");
      await user.click(send);

      const results = await screen.findByRole("region", { name: "Broadcast results" });
      await waitFor(() => {
        expect(rig.servers["4096"].prompts).toHaveLength(1);
        expect(rig.servers["4097"].prompts).toHaveLength(1);
      });
      expect(rig.servers["4096"].prompts[0].body).toContain("say: hello");
      const cards = within(results).getAllByRole("listitem");
      expect(cards.map((card) => card.getAttribute("aria-label"))).toEqual([`:4096 ${DIR}`, `:4097 ${DIR}`]);

      // The reply streams into the card of the server that sent it.
      const sessionID = rig.servers["4097"].prompts[0].sessionID;
      const info = {
        id: "msg_r1",
        sessionID,
        role: "assistant",
        time: { created: 1 },
        parentID: "x",
        modelID: "m",
        providerID: "p",
        mode: "build",
        agent: "build",
        path: { cwd: DIR, root: DIR },
        cost: 0.01,
        tokens: { input: 3, output: 4, reasoning: 0, cache: { read: 0, write: 0 } },
      };
      rig.stream("4097").send({ type: "message.updated", properties: { sessionID, info } }, DIR);
      rig.stream("4097").send(
        {
          type: "message.part.updated",
          properties: { sessionID, part: { id: "prt_r1", sessionID, messageID: "msg_r1", type: "text", text: "Hello from 4097" } },
        },
        DIR,
      );
      const card = within(results).getByRole("listitem", { name: `:4097 ${DIR}` });
      await waitFor(() => expect(card).toHaveTextContent("Hello from 4097"));
      expect(card).toHaveTextContent("7 tokens");
      expect(within(card).getByRole("link", { name: "Open" })).toHaveAttribute("href", `/i/${rig.ids.b}/s/${sessionID}`);

      const blobs: Blob[] = [];
      URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), "blob:x"));
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
      await user.click(within(results).getByRole("button", { name: "Export Markdown" }));
      await user.click(within(results).getByRole("button", { name: "Export JSON" }));
      expect(await blobs[0].text()).toContain("Hello from 4097");
      const json = JSON.parse(await blobs[1].text());
      expect(json.results.map((r: { server: string }) => r.server)).toEqual([":4096", ":4097"]);
      rig.cleanup();
    },
  );
});
