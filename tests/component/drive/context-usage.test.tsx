import "../shell/setup";
import { render, screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { ContextUsageView } from "../../../src/ui/context-usage";

describe("ContextUsageView", () => {
  it("shows tokens against the limit and the cost", () => {
    render(() => <ContextUsageView usage={{ tokens: 1234, limit: 128000, cost: 0.0123 }} />);
    expect(screen.getByLabelText("Context and cost")).toHaveTextContent("Context 1,234 / 128,000 (1 %) · $0.0123");
  });
});
