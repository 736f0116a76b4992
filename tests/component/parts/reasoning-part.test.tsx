import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { ReasoningPartView } from "../../../src/ui/parts/reasoning-part";
import { reasoning } from "../../fixtures/parts";

afterEach(cleanup);

describe("ReasoningPartView", () => {
  it("is collapsed by default and opens on click", async () => {
    const user = userEvent.setup();
    render(() => <ReasoningPartView part={reasoning} />);
    const details = screen.getByRole("group");
    expect(details).not.toHaveAttribute("open");
    expect(screen.getByText("Thinking about the answer carefully.")).not.toBeVisible();

    await user.click(screen.getByText("Reasoning"));
    expect(details).toHaveAttribute("open");
    expect(screen.getByText("Thinking about the answer carefully.")).toBeVisible();
  });

  it("says how long the model thought once done, and 'thinking…' while it streams", () => {
    const { unmount } = render(() => <ReasoningPartView part={reasoning} />);
    // 1795236529687 - 1795236529591 in the capture
    expect(screen.getByText("96 ms")).toBeInTheDocument();
    unmount();
    render(() => <ReasoningPartView part={{ ...reasoning, text: "", time: { start: reasoning.time.start } }} />);
    expect(screen.getByText("thinking…")).toBeInTheDocument();
  });
});
