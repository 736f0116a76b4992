import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, waitFor } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import type { TextPart } from "@opencode-ai/sdk/v2/client";
import { TextPartView } from "../../../src/ui/parts/text-part";
import { assistantText, userText } from "../../fixtures/parts";

afterEach(cleanup);

describe("TextPartView", () => {
  it("renders the captured assistant text as markdown", () => {
    render(() => <TextPartView part={assistantText} />);
    expect(screen.getByText("Hello from the fake model! This is a streamed reply.").tagName).toBe("P");
  });

  it("renders markdown structure (heading, list, link) and nothing from raw HTML", () => {
    const part: TextPart = {
      ...assistantText,
      text: "## Plan\n\n- read [docs](https://opencode.ai)\n- <img src=x onerror=alert(1)>",
    };
    const { container } = render(() => <TextPartView part={part} />);
    expect(screen.getByRole("heading", { level: 2, name: "Plan" })).toBeInTheDocument();
    expect(screen.getAllByRole("listitem")).toHaveLength(2);
    expect(screen.getByRole("link", { name: "docs" })).toHaveAttribute("href", "https://opencode.ai");
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText(/<img src=x onerror=alert\(1\)>/)).toBeInTheDocument();
  });

  it("shows user text as typed, not as markdown", () => {
    render(() => <TextPartView part={{ ...userText, text: "# not a heading\n**literal**" }} plain />);
    expect(screen.queryByRole("heading")).toBeNull();
    expect(screen.getByText(/# not a heading/)).toHaveTextContent("**literal**");
  });

  it("follows a streaming part as its text grows", async () => {
    const [part, setPart] = createSignal<TextPart>({ ...assistantText, text: "", time: { start: 1 } });
    render(() => <TextPartView part={part()} />);
    setPart({ ...part(), text: "Hello fro" });
    expect(await screen.findByText("Hello fro")).toBeInTheDocument();
    setPart({ ...part(), text: "Hello from the **fake** model" });
    expect((await screen.findByText("fake")).tagName).toBe("STRONG");
  });

  it("highlights fenced code once rendered", async () => {
    const part: TextPart = { ...assistantText, text: "```ts\nconst answer = 42;\n```" };
    const { container } = render(() => <TextPartView part={part} />);
    await waitFor(() => expect(container.querySelector("code .hljs-keyword")?.textContent).toBe("const"));
    expect(container.querySelector("code")?.textContent).toBe("const answer = 42;\n");
  });

  it("says earlier text arrives at the end when it joined a part mid-stream, until the part ends", () => {
    const [part, setPart] = createSignal<TextPart>({ ...assistantText, text: "word20 word21", time: { start: 1 } });
    render(() => <TextPartView part={part()} joinedMidStream />);
    expect(screen.getByText("… earlier text of this reply arrives when it completes.")).toBeInTheDocument();
    setPart({ ...assistantText, text: "word0 … word21", time: { start: 1, end: 2 } });
    expect(screen.queryByText(/earlier text of this reply/)).toBeNull();
  });

  it("says so too for a part the store made from deltas alone, which has no time yet", () => {
    const placeholder = { id: "prt_1", messageID: "msg_1", sessionID: "ses_1", type: "text", text: "word22 word23" } as TextPart;
    render(() => <TextPartView part={placeholder} joinedMidStream />);
    expect(screen.getByText("… earlier text of this reply arrives when it completes.")).toBeInTheDocument();
  });

  it("says nothing of the kind for a part it saw from its start", () => {
    render(() => <TextPartView part={{ ...assistantText, text: "word0", time: { start: 1 } }} />);
    expect(screen.queryByText(/earlier text of this reply/)).toBeNull();
  });
});
