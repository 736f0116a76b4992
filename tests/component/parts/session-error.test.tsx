import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@solidjs/testing-library";
import type { AssistantMessage } from "@opencode-ai/sdk/v2/client";
import { emptyReplySentence, errorSentence, messageError, SessionErrorView } from "../../../src/ui/parts/session-error";
import { loadRecordedFixtures } from "../../fixtures/load";
import { abortedMessage, apiErrorMessage, assistantMessage, assistantText, stepStart } from "../../fixtures/parts";

afterEach(cleanup);

describe("SessionErrorView", () => {
  it("tells an APIError as the provider's error, as an alert", () => {
    render(() => <SessionErrorView error={{ name: "APIError", message: "fake upstream error 400" }} />);
    expect(screen.getByRole("alert")).toHaveTextContent("The model provider returned an error: fake upstream error 400");
  });

  it("tells an abort as 'Stopped.' in a quiet status, not an alert", () => {
    render(() => <SessionErrorView error={{ name: "MessageAbortedError", message: "Aborted" }} />);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent(/^Stopped\.$/);
  });

  it("reads captured message errors ({name, data: {message}})", () => {
    expect(errorSentence(messageError(apiErrorMessage.error!))).toBe("The model provider returned an error: fake upstream error 400");
    expect(errorSentence(messageError(abortedMessage.error!))).toBe("Stopped.");
  });

  it("has a sentence for each known error and keeps unknown names visible", () => {
    expect(errorSentence({ name: "ProviderAuthError", message: "bad key" })).toBe(
      "The model provider did not accept the credentials: bad key",
    );
    expect(errorSentence({ name: "MessageOutputLengthError" })).toMatch(/output length limit/);
    expect(errorSentence({ name: "ContextOverflowError", message: "too long" })).toMatch(/context window: too long$/);
    expect(errorSentence({ name: "UnknownError", message: "boom" })).toBe("Something went wrong: boom");
    expect(errorSentence({ name: "APIError" })).toBe("The model provider returned an error.");
    expect(errorSentence({ name: "WeirdError", message: "odd" })).toBe("WeirdError: odd");
  });
});

describe("emptyReplySentence", () => {
  // Stopped while OpenCode waited to retry a failing provider: no part, no error, no finish.
  const stopped = loadRecordedFixtures().find((f) => f.name === "retry-500-abort")!;
  const reply = Object.values(stopped.rest.messages)[0].find((m) => m.info.role === "assistant")!;
  const retry = { type: "retry" as const, attempt: 2, message: "fake upstream error 500", next: 1 };

  it("says a reply stopped during a provider retry was stopped, and what was failing", () => {
    expect(reply.parts).toEqual([]);
    expect(emptyReplySentence(reply.info as AssistantMessage, reply.parts, retry)).toBe(
      "Stopped before the model answered. The model provider was failing (attempt 2): fake upstream error 500",
    );
    expect(emptyReplySentence(reply.info as AssistantMessage, reply.parts)).toBe("Stopped before the model answered.");
  });

  it("says nothing for a reply that shows something, is still running, or has its own error", () => {
    expect(emptyReplySentence(assistantMessage, [stepStart, assistantText])).toBeUndefined();
    expect(emptyReplySentence({ ...assistantMessage, time: { created: 1 } }, [])).toBeUndefined();
    expect(emptyReplySentence(abortedMessage, [])).toBeUndefined();
  });

  it("tells a finished reply with no content as empty", () => {
    expect(emptyReplySentence({ ...assistantMessage, finish: "stop" }, [stepStart])).toBe("The model sent an empty reply.");
  });
});
