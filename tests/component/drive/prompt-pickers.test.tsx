import "../shell/setup";
import { render, screen } from "@solidjs/testing-library";
import userEvent from "@testing-library/user-event";
import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import { PromptPickers } from "../../../src/ui/prompt-pickers";

const models = [
  { value: "fake/fake-model", label: "Fake Model", provider: "Fake LLM" },
  { value: "fake/fake-model-2", label: "Fake Model Two", provider: "Fake LLM" },
];
const agents = [{ name: "build" }, { name: "plan", description: "Plans without editing" }];

function setup(error?: string) {
  const [model, setModel] = createSignal<string | undefined>("fake/fake-model");
  const [agent, setAgent] = createSignal<string | undefined>("build");
  render(() => (
    <PromptPickers
      models={error ? [] : models}
      model={model()}
      onModel={setModel}
      agents={error ? [] : agents}
      agent={agent()}
      onAgent={setAgent}
      error={error}
    />
  ));
  return { model, agent, user: userEvent.setup() };
}

describe("PromptPickers", () => {
  it("offers comboboxes labelled Model and Agent that show the current choice", () => {
    setup();
    expect(screen.getByRole("combobox", { name: "Model" })).toHaveValue("fake/fake-model");
    expect(screen.getByRole("combobox", { name: "Agent" })).toHaveValue("build");
    expect(screen.getByRole("option", { name: "Fake Model Two" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Fake LLM" })).toBeInTheDocument();
  });

  it("reports the user's choice of model and agent", async () => {
    const { user, model, agent } = setup();
    await user.selectOptions(screen.getByRole("combobox", { name: "Model" }), "Fake Model Two");
    await user.selectOptions(screen.getByRole("combobox", { name: "Agent" }), "plan");
    expect(model()).toBe("fake/fake-model-2");
    expect(agent()).toBe("plan");
    expect(screen.getByRole("combobox", { name: "Model" })).toHaveValue("fake/fake-model-2");
  });

  it("says why the lists are empty when loading them failed", () => {
    setup("Could not list the models (HTTP 500).");
    expect(screen.getByRole("status")).toHaveTextContent("Could not list the models (HTTP 500).");
    expect(screen.getByRole("combobox", { name: "Model" })).toBeDisabled();
  });
});
