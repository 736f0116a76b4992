import { describe, expect, it } from "vitest";
import {
  addressFromInstanceId,
  basicAuthToken,
  instanceHostLabel,
  instanceIdFor,
  parseInstanceAddress,
  serverKey,
} from "../../../src/api/instance";

/** Decodes a Basic token back to bytes and reads them as UTF-8, the way a server does. */
function decodeToken(token: string): string {
  return Buffer.from(token, "base64").toString("utf8");
}

describe("parseInstanceAddress", () => {
  it("turns a bare port into a loopback URL", () => {
    expect(parseInstanceAddress("4096")).toEqual({ ok: true, baseUrl: "http://127.0.0.1:4096" });
    expect(parseInstanceAddress("  8080  ")).toEqual({ ok: true, baseUrl: "http://127.0.0.1:8080" });
  });

  it.each(["0", "65536", "99999"])("refuses the out-of-range port %s with a sentence naming it", (port) => {
    const result = parseInstanceAddress(port);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`${port} is not a port`);
  });

  it("accepts the edge ports 1 and 65535", () => {
    expect(parseInstanceAddress("1")).toEqual({ ok: true, baseUrl: "http://127.0.0.1:1" });
    expect(parseInstanceAddress("65535")).toEqual({ ok: true, baseUrl: "http://127.0.0.1:65535" });
  });

  it("adds http:// to host:port", () => {
    expect(parseInstanceAddress("localhost:4096")).toEqual({ ok: true, baseUrl: "http://localhost:4096" });
    expect(parseInstanceAddress("devbox.lan:5000")).toEqual({ ok: true, baseUrl: "http://devbox.lan:5000" });
  });

  it("keeps the scheme, host and path of a full URL", () => {
    expect(parseInstanceAddress("https://example.com/opencode")).toEqual({ ok: true, baseUrl: "https://example.com/opencode" });
    expect(parseInstanceAddress("http://127.0.0.1:4096")).toEqual({ ok: true, baseUrl: "http://127.0.0.1:4096" });
  });

  it("drops trailing slashes", () => {
    expect(parseInstanceAddress("http://127.0.0.1:4096/")).toEqual({ ok: true, baseUrl: "http://127.0.0.1:4096" });
    expect(parseInstanceAddress("https://example.com/oc//")).toEqual({ ok: true, baseUrl: "https://example.com/oc" });
  });

  it("refuses ftp:// and says which schemes work", () => {
    const result = parseInstanceAddress("ftp://example.com");
    expect(result).toEqual({ ok: false, message: "Use an http:// or https:// address, not ftp://." });
  });

  it.each(["", "   "])("asks for a port or URL when the input is empty (%j)", (input) => {
    const result = parseInstanceAddress(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^Enter a port/);
  });

  it("refuses text that is neither a port nor a URL", () => {
    const result = parseInstanceAddress("http://exa mple.com");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("is not a port or URL");
  });

  // Chromium's URL parser accepts "http://hello world !!" (host "hello%20world%20!!"), so the app
  // probed it and said "Nothing answered at http://hello%20world%20!!".
  it.each(["hello world !!", "hello!!", "exa_mple:4096", "what ever", "http://a%20b:4096"])(
    "says %j is not a port or URL, whatever the URL parser makes of it",
    (input) => {
      expect(parseInstanceAddress(input)).toEqual({
        ok: false,
        message: `“${input}” is not a port or URL. Enter a port (like 4096) or a URL (like http://127.0.0.1:4096).`,
      });
    },
  );

  it("accepts IPv6 loopback and names with hyphens", () => {
    expect(parseInstanceAddress("[::1]:4096")).toEqual({ ok: true, baseUrl: "http://[::1]:4096" });
    expect(parseInstanceAddress("my-box.local:4096")).toEqual({ ok: true, baseUrl: "http://my-box.local:4096" });
  });
});

describe("serverKey", () => {
  it("is one key for localhost, 127.0.0.1 and [::1] on one port", () => {
    const keys = ["http://127.0.0.1:4096", "http://localhost:4096", "http://LOCALHOST:4096/", "http://[::1]:4096"].map(serverKey);
    expect(new Set(keys).size).toBe(1);
  });

  it("keeps other ports, schemes, hosts and paths apart", () => {
    const keys = [
      "http://127.0.0.1:4096",
      "http://127.0.0.1:4097",
      "https://127.0.0.1:4096",
      "http://devbox:4096",
      "http://127.0.0.1:4096/oc",
    ].map(serverKey);
    expect(new Set(keys).size).toBe(5);
  });
});

describe("basicAuthToken", () => {
  it("encodes opencode:password by default", () => {
    const token = basicAuthToken({ password: "pw" });
    expect(token).toBe(Buffer.from("opencode:pw").toString("base64"));
    expect(token).toBe("b3BlbmNvZGU6cHc=");
  });

  it("uses a custom user name", () => {
    expect(decodeToken(basicAuthToken({ username: "alice", password: "s3cret" })!)).toBe("alice:s3cret");
  });

  it("falls back to opencode when the user name is empty", () => {
    expect(decodeToken(basicAuthToken({ username: "", password: "pw" })!)).toBe("opencode:pw");
  });

  it("encodes a non-Latin-1 password as UTF-8", () => {
    const token = basicAuthToken({ password: "pässwört🔑" })!;
    expect(token).toBe(Buffer.from("opencode:pässwört🔑", "utf8").toString("base64"));
    expect(decodeToken(token)).toBe("opencode:pässwört🔑");
  });

  it("gives nothing without a password", () => {
    expect(basicAuthToken({})).toBeUndefined();
    expect(basicAuthToken({ username: "alice" })).toBeUndefined();
    expect(basicAuthToken({ username: "alice", password: "" })).toBeUndefined();
  });
});

describe("instanceHostLabel", () => {
  it("shows only the port for loopback servers", () => {
    expect(instanceHostLabel("http://127.0.0.1:4096")).toBe(":4096");
    expect(instanceHostLabel("http://localhost:5000")).toBe(":5000");
    expect(instanceHostLabel("http://[::1]:4097")).toBe(":4097");
  });

  it("shows host (and path) for other servers", () => {
    expect(instanceHostLabel("https://example.com")).toBe("example.com");
    expect(instanceHostLabel("http://devbox.lan:4096")).toBe("devbox.lan:4096");
    expect(instanceHostLabel("https://example.com/opencode")).toBe("example.com/opencode");
  });

  it("shows a loopback URL without a port by its host", () => {
    expect(instanceHostLabel("http://localhost")).toBe("localhost");
  });

  it("returns what it got when it is not a URL", () => {
    expect(instanceHostLabel("not a url")).toBe("not a url");
  });
});

describe("instanceIdFor", () => {
  it("derives a URL-safe id from the base URL", () => {
    expect(instanceIdFor("http://127.0.0.1:4096")).toBe("127-0-0-1-4096");
    expect(instanceIdFor("https://example.com/opencode")).toBe("s-example-com-opencode");
  });

  it("keeps http and https on the same host and port apart", () => {
    expect(instanceIdFor("https://example.com:4096")).not.toBe(instanceIdFor("http://example.com:4096"));
  });

  it("gives the same id for the same server and different ids for different ports", () => {
    expect(instanceIdFor("http://127.0.0.1:4096")).toBe(instanceIdFor("http://127.0.0.1:4096"));
    expect(instanceIdFor("http://127.0.0.1:4096")).not.toBe(instanceIdFor("http://127.0.0.1:4097"));
  });

  it("only uses characters that need no escaping in a path", () => {
    expect(instanceIdFor("http://[::1]:4096/a b/ü")).toMatch(/^[a-zA-Z0-9-]+$/);
  });
});

describe("addressFromInstanceId", () => {
  it("gives back the address of the usual ids, so a link to a server not added can offer to add it", () => {
    for (const url of ["http://127.0.0.1:4096", "http://localhost:4096", "https://10.0.0.2:443", "http://devbox:8080"]) {
      expect(addressFromInstanceId(instanceIdFor(url))).toBe(url);
    }
  });

  it("answers nothing where the id cannot be read back", () => {
    for (const id of ["", "abc", "devbox-lan-4096", "127-0-0-1-99999", "-4096", "constructor"]) {
      expect(addressFromInstanceId(id)).toBeUndefined();
    }
  });
});
