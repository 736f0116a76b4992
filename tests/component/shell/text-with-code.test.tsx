import "./setup";
import { render } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import { splitCode, TextWithCode, withoutBackticks } from "../../../src/ui/text-with-code";

describe("TextWithCode", () => {
  it("shows backticked commands as code and the rest as text", () => {
    const { container } = render(() => <TextWithCode text="Start it with `opencode serve --port 4096`, then retry." />);
    expect(container.textContent).toBe("Start it with opencode serve --port 4096, then retry.");
    expect(container.querySelectorAll("code")).toHaveLength(1);
    expect(container.querySelector("code")).toHaveTextContent("opencode serve --port 4096");
  });

  it("follows a sentence that changes", () => {
    const [text, setText] = createSignal("attempt 2 of 8");
    const { container } = render(() => <TextWithCode text={text()} />);
    setText("Port 4096 needs a password.");
    expect(container.textContent).toBe("Port 4096 needs a password.");
  });

  it("leaves a lone backtick alone", () => {
    expect(splitCode("it's a ` tick")).toEqual(["it's a ` tick"]);
    expect(withoutBackticks("run `a` and `b`")).toBe("run a and b");
  });
});
