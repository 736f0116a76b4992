import { describe, expect, it } from "vitest";
import {
  ATTACHMENT_LIMITS,
  attachmentPart,
  formatBytes,
  kindOf,
  limitSentence,
  looksLikeText,
  withMime,
} from "../../../src/lib/attachments";

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);
const PNG_HEAD = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const MB = 1024 * 1024;

describe("attachments: what a file is sent as", () => {
  it("sends PNG, JPEG, GIF and WebP as images, and a PDF as a PDF", () => {
    for (const type of ["image/png", "image/jpeg", "image/gif", "image/webp"])
      expect(kindOf({ type }, PNG_HEAD)).toEqual({ kind: "image", mime: type });
    expect(kindOf({ type: "application/pdf" }, utf8("%PDF-1.7"))).toEqual({ kind: "pdf", mime: "application/pdf" });
  });

  it("sends any file that reads as text as text/plain, whatever the browser called it", () => {
    // The server decodes only text/plain; text/markdown or application/json failed the reply.
    for (const type of ["text/markdown", "application/json", "", "application/octet-stream", "image/svg+xml"]) {
      expect(kindOf({ type }, utf8("# Notes — café\n"))).toEqual({ kind: "text", mime: "text/plain" });
    }
  });

  it("refuses binary files the model could not read", () => {
    expect(kindOf({ type: "application/zip" }, bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0))).toBeUndefined();
    expect(kindOf({ type: "image/bmp" }, bytes(0x42, 0x4d, 0, 0, 0xff))).toBeUndefined();
  });

  it("tells text from binary by NUL bytes and UTF-8, allowing a character cut at the sample's end", () => {
    expect(looksLikeText(utf8("plain"))).toBe(true);
    expect(looksLikeText(utf8("é").slice(0, 1))).toBe(true);
    expect(looksLikeText(bytes(0x61, 0, 0x62))).toBe(false);
    expect(looksLikeText(bytes(0xff, 0xfe, 0x41))).toBe(false);
  });
});

describe("attachments: limits", () => {
  const none = { count: 0, bytes: 0 };
  it("lets files within the caps through", () => {
    expect(limitSentence({ name: "shot.png", type: "image/png", size: 3 * MB }, "image", none)).toBeUndefined();
    expect(limitSentence({ name: "notes.txt", type: "text/plain", size: 200_000 }, "text", none)).toBeUndefined();
  });

  it("says how big the file is and what the cap is", () => {
    expect(limitSentence({ name: "photo.jpg", type: "image/jpeg", size: 14.2 * MB }, "image", none)).toBe(
      "“photo.jpg” is 14 MB: an image can be up to 10 MB.",
    );
    expect(limitSentence({ name: "dump.log", type: "", size: 3.4 * MB }, "text", none)).toMatch(
      /^“dump\.log” is 3\.4 MB: a text file .* can be up to 1 MB\.$/,
    );
  });

  it("counts what the box already holds, in bytes and in files", () => {
    expect(limitSentence({ name: "c.png", type: "image/png", size: 6 * MB }, "image", { count: 2, bytes: 16 * MB })).toBe(
      "“c.png” would bring the attachments to 22 MB: together they can be up to 20 MB. Remove one first.",
    );
    expect(limitSentence({ name: "x.txt", type: "text/plain", size: 1 }, "text", { count: ATTACHMENT_LIMITS.count, bytes: 10 })).toMatch(
      /^At most 10 files/,
    );
  });

  it("formats sizes for people", () => {
    expect([formatBytes(0), formatBytes(512), formatBytes(2048), formatBytes(1.5 * MB), formatBytes(12 * MB)]).toEqual([
      "0 B",
      "512 B",
      "2 KB",
      "1.5 MB",
      "12 MB",
    ]);
  });
});

describe("attachments: the file part", () => {
  it("is a data: URL with the mime it is sent as and the file's own name", () => {
    const url = withMime("data:application/octet-stream;base64,aGk=", "text/plain");
    expect(url).toBe("data:text/plain;base64,aGk=");
    expect(attachmentPart({ id: "a", name: "notes.md", size: 2, kind: "text", mime: "text/plain", url })).toEqual({
      type: "file",
      mime: "text/plain",
      filename: "notes.md",
      url: "data:text/plain;base64,aGk=",
    });
  });
});
