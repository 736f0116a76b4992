import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen, within } from "@solidjs/testing-library";
import type { FilePart } from "@opencode-ai/sdk/v2/client";
import { PatchPartView } from "../../../src/ui/parts/patch-part";
import { FilePartView } from "../../../src/ui/parts/file-part";
import { patch } from "../../fixtures/parts";

afterEach(cleanup);

describe("PatchPartView", () => {
  it("lists the changed files relative to the project root", () => {
    render(() => <PatchPartView part={patch} root="/home/dev/alpha" />);
    expect(screen.getByText("Changed 1 file")).toBeInTheDocument();
    const files = within(screen.getByRole("list", { name: "Files changed" })).getAllByRole("listitem");
    expect(files.map((file) => file.textContent)).toEqual(["fake-output.txt"]);
  });

  it("keeps absolute paths outside the root and counts files", () => {
    render(() => <PatchPartView part={{ ...patch, files: ["/etc/hosts", "/home/dev/alpha/src/a.ts"] }} root="/home/dev/alpha" />);
    expect(screen.getByText("Changed 2 files")).toBeInTheDocument();
    expect(screen.getAllByRole("listitem").map((file) => file.textContent)).toEqual(["/etc/hosts", "src/a.ts"]);
  });

  it("links each file to its diff in Changes when given where that is", () => {
    const href = (file: string) => `/i/x/s/ses_1?changes=session&file=${encodeURIComponent(file)}`;
    render(() => (
      <PatchPartView
        part={{ ...patch, files: ["/home/dev/alpha/src/a.ts", "/home/dev/alpha/b.txt"] }}
        root="/home/dev/alpha"
        changesHref={href}
      />
    ));
    const link = screen.getByRole("link", { name: "Show src/a.ts in Changes" });
    expect(link).toHaveTextContent("src/a.ts");
    expect(link).toHaveAttribute("href", "/i/x/s/ses_1?changes=session&file=src%2Fa.ts");
    expect(screen.getByRole("link", { name: "Show b.txt in Changes" })).toBeInTheDocument();
  });

  it("has no links without changesHref", () => {
    render(() => <PatchPartView part={patch} root="/home/dev/alpha" />);
    expect(screen.queryByRole("link")).toBeNull();
  });
});

describe("FilePartView", () => {
  const base: FilePart = {
    id: "prt_1",
    sessionID: "ses_1",
    messageID: "msg_1",
    type: "file",
    mime: "image/png",
    url: "data:image/png;base64,iVBORw0KGgo=",
    filename: "screenshot.png",
  };

  it("shows the attachment name and type without linking a data: URL", () => {
    render(() => <FilePartView part={base} />);
    expect(screen.getByText("screenshot.png")).toBeInTheDocument();
    expect(screen.getByText("image/png")).toBeInTheDocument();
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("shows an attached picture as a thumbnail, but never an SVG or an address from the server", () => {
    render(() => <FilePartView part={base} />);
    expect(screen.getByRole("img", { name: "screenshot.png" })).toHaveAttribute("src", base.url);
    cleanup();
    for (const url of ["data:image/svg+xml;base64,PHN2Zz4=", "https://example.com/a.png", 'data:image/png;base64,AA"onerror="x']) {
      render(() => <FilePartView part={{ ...base, url }} />);
      expect(screen.queryByRole("img")).toBeNull();
      cleanup();
    }
  });

  it("links http(s) attachments and names them after the URL when there is no filename", () => {
    render(() => (
      <FilePartView part={{ ...base, filename: undefined, url: "https://example.com/files/report%201.pdf", mime: "application/pdf" }} />
    ));
    const link = screen.getByRole("link", { name: "report 1.pdf" });
    expect(link).toHaveAttribute("href", "https://example.com/files/report%201.pdf");
    expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  });
});
