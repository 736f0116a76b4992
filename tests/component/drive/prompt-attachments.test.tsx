import "../shell/setup";
import { fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { PromptBox, type PromptBoxProps } from "../../../src/ui/prompt-box";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const png = (name = "shot.png") => new File([PNG], name, { type: "image/png" });
const text = (name = "notes.md", body = "# Notes\n") => new File([body], name, { type: "text/markdown" });

function setup(overrides: Partial<PromptBoxProps> = {}) {
  const props = {
    onSend: vi.fn<PromptBoxProps["onSend"]>(async () => undefined),
    onStop: vi.fn(async () => undefined),
    onCommand: vi.fn<NonNullable<PromptBoxProps["onCommand"]>>(async () => undefined),
    onShell: vi.fn<NonNullable<PromptBoxProps["onShell"]>>(async () => undefined),
    ...overrides,
  };
  render(() => <PromptBox busy={false} connected commands={[{ name: "init" }]} {...props} />);
  const box = screen.getByRole("textbox", { name: "Message" });
  return { props, user: userEvent.setup(), box, form: box.closest("form")! };
}

const attachments = () => screen.getByRole("list", { name: "Attachments" });
const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]')!;

describe("PromptBox: attachments", () => {
  it("'Attach file' opens the file picker, and a picked file shows with its name, size and a remove button", async () => {
    const { user } = setup();
    const click = vi.spyOn(fileInput(), "click");
    await user.click(screen.getByRole("button", { name: "Attach file" }));
    expect(click).toHaveBeenCalledTimes(1);
    await user.upload(fileInput(), text("notes.md", "x".repeat(2048)));
    const item = await within(await screen.findByRole("list", { name: "Attachments" })).findByRole("listitem");
    expect(item).toHaveTextContent("notes.md");
    expect(item).toHaveTextContent("2 KB");
    expect(within(item).getByRole("button", { name: "Remove notes.md" })).toBeInTheDocument();
  });

  it("a pasted image shows as a thumbnail; pasted text stays text", async () => {
    const { box } = setup();
    fireEvent.paste(box, { clipboardData: { files: [png()], getData: () => "" } });
    const preview = await screen.findByRole("img", { name: "Preview of shot.png" });
    expect(preview.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    fireEvent.paste(box, {
      clipboardData: { files: [png("copy-of-text.png")], getData: (type: string) => (type === "text/plain" ? "words" : "") },
    });
    await waitFor(() => expect(within(attachments()).getAllByRole("listitem")).toHaveLength(1));
  });

  it("takes dropped files, and Remove takes one back out", async () => {
    const { form, user } = setup();
    fireEvent.dragOver(form, { dataTransfer: { types: ["Files"], files: [] } });
    fireEvent.drop(form, { dataTransfer: { types: ["Files"], files: [png(), text()] } });
    await waitFor(() => expect(within(attachments()).getAllByRole("listitem")).toHaveLength(2));
    await user.click(screen.getByRole("button", { name: "Remove shot.png" }));
    expect(
      within(attachments())
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining("notes.md")]);
  });

  it("sends the attachments as file parts with data: URLs, then empties the list", async () => {
    const { props, user, box, form } = setup();
    fireEvent.drop(form, { dataTransfer: { types: ["Files"], files: [png(), text()] } });
    await waitFor(() => expect(within(attachments()).getAllByRole("listitem")).toHaveLength(2));
    await user.type(box, "What is in these?{Enter}");
    expect(props.onSend).toHaveBeenCalledWith(
      "What is in these?",
      [],
      [
        { type: "file", mime: "image/png", filename: "shot.png", url: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/) },
        // Any text goes as text/plain: the server reads only that as text.
        { type: "file", mime: "text/plain", filename: "notes.md", url: `data:text/plain;base64,${btoa("# Notes\n")}` },
      ],
    );
    await waitFor(() => expect(screen.queryByRole("list", { name: "Attachments" })).not.toBeInTheDocument());
  });

  it("sends attachments without text, and keeps them when the send fails", async () => {
    const onSend = vi.fn<PromptBoxProps["onSend"]>(async () => Promise.reject(new Error("Could not send the prompt (HTTP 500).")));
    const { form, user } = setup({ onSend });
    const send = screen.getByRole("button", { name: "Send" });
    expect(send).toBeDisabled();
    fireEvent.drop(form, { dataTransfer: { types: ["Files"], files: [png()] } });
    await waitFor(() => expect(send).toBeEnabled());
    await user.click(send);
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not send the prompt (HTTP 500).");
    expect(onSend).toHaveBeenCalledWith("", [], [expect.objectContaining({ filename: "shot.png" })]);
    expect(within(attachments()).getAllByRole("listitem")).toHaveLength(1);
  });

  it("refuses what the model could not take, with a sentence, and keeps the rest", async () => {
    const { form } = setup();
    const zip = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])], "code.zip", { type: "application/zip" });
    const huge = new File(["a".repeat(1024 * 1024 + 1)], "dump.log", { type: "text/plain" });
    fireEvent.drop(form, { dataTransfer: { types: ["Files"], files: [zip, png(), huge] } });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "“code.zip” cannot be attached: only images (PNG, JPEG, GIF, WebP), PDFs and text files can go to the model.",
    );
    expect(alert).toHaveTextContent(
      "“dump.log” is over 1 MB: a text file (a longer one would not fit in a model's context) can be up to 1 MB.",
    );
    expect(
      within(attachments())
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining("shot.png")]);
  });

  it("does not send attachments with a command or a shell command: it says so and keeps everything", async () => {
    const { props, user, box, form } = setup();
    fireEvent.drop(form, { dataTransfer: { types: ["Files"], files: [png()] } });
    await waitFor(() => expect(attachments()).toBeInTheDocument());
    await user.type(box, "!ls{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("Attachments go with a prompt, not with a command or a shell command");
    expect(props.onShell).not.toHaveBeenCalled();
    expect(box).toHaveValue("!ls");
  });

  it("starts with the attachments it held before and reports every change to its owner", async () => {
    const onAttachments = vi.fn();
    const held = { id: "kept", name: "kept.txt", size: 3, kind: "text" as const, mime: "text/plain", url: "data:text/plain;base64,aGkK" };
    const { user } = setup({ attachments: [held], onAttachments });
    expect(within(attachments()).getByText("kept.txt")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remove kept.txt" }));
    expect(onAttachments).toHaveBeenLastCalledWith([]);
  });
});
