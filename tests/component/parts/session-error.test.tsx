import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@solidjs/testing-library";
import { errorSentence, messageError, SessionErrorView } from "../../../src/ui/parts/session-error";
import { abortedMessage, apiErrorMessage } from "../../fixtures/parts";

afterEach(cleanup);

describe("SessionErrorView", () => {
  it("tells an APIError as the provider's error, as an alert", () => {
    render(() => <SessionErrorView error={{ name: "APIError", message: "fake upstream error 400" }} />);
    expect(screen.getByRole("alert")).toHaveTextContent(
      "The model provider returned an error: fake upstream error 400",
    );
  });

  it("tells an abort as 'Stopped.' in a quiet status, not an alert", () => {
    render(() => <SessionErrorView error={{ name: "MessageAbortedError", message: "Aborted" }} />);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent(/^Stopped\.$/);
  });

  it("reads captured message errors ({name, data: {message}})", () => {
    expect(errorSentence(messageError(apiErrorMessage.error!))).toBe(
      "The model provider returned an error: fake upstream error 400",
    );
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
