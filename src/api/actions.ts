/**
 * What the user can do to a server: start a session, send a prompt, stop it, answer a permission or a
 * question. Each call is scoped to the session's directory, since one server serves many projects.
 */
import type {
  FilePartInput,
  PermissionReplyData,
  PermissionRequest,
  QuestionAnswer,
  QuestionRequest,
  Session,
  TextPartInput,
} from "@opencode-ai/sdk/v2/client";
import { createInstanceClient, unwrap } from "./client";
import type { InstanceConfig } from "./instance";
import type { PromptChoice } from "./session-api";

/** The answers `POST /permission/:id/reply` accepts: "once", "always" or "reject". */
export type PermissionReply = NonNullable<PermissionReplyData["body"]>["reply"];

export function createSession(config: InstanceConfig, directory: string | undefined, fetchImpl?: typeof fetch) {
  const client = createInstanceClient(config, { directory, fetch: fetchImpl });
  return unwrap(client.session.create({}), "start a session");
}

/**
 * How long a prompt may wait for its 204. Longer than other calls: a busy server can take more than
 * the usual 10 s to accept one, and giving up does not take the prompt back, so an early "could not
 * send" would be untrue (and a second try would send it twice).
 */
export const PROMPT_REQUEST_MS = 60_000;

/**
 * `prompt_async`: the server answers 204 at once and the reply streams in as events. The chosen model
 * and agent go with it (left out, the server picks), and mentioned and attached files as file parts
 * after the text. A prompt of attachments alone has no text part: the server takes it without one.
 */
export async function sendPrompt(
  config: InstanceConfig,
  session: Pick<Session, "id" | "directory">,
  text: string,
  fetchImpl?: typeof fetch,
  choice: PromptChoice = {},
) {
  const client = createInstanceClient(config, { directory: session.directory, fetch: fetchImpl, timeoutMs: PROMPT_REQUEST_MS });
  const parts: (TextPartInput | FilePartInput)[] = [
    ...(text || !choice.files?.length ? [{ type: "text" as const, text }] : []),
    ...(choice.files ?? []),
  ];
  await unwrap(client.session.promptAsync({ sessionID: session.id, parts, model: choice.model, agent: choice.agent }), "send the prompt");
}

export async function abortSession(config: InstanceConfig, session: Pick<Session, "id" | "directory">, fetchImpl?: typeof fetch) {
  const client = createInstanceClient(config, { directory: session.directory, fetch: fetchImpl });
  await unwrap(client.session.abort({ sessionID: session.id }), "stop the session");
}

export async function replyPermission(
  config: InstanceConfig,
  directory: string | undefined,
  request: Pick<PermissionRequest, "id">,
  reply: PermissionReply,
  fetchImpl?: typeof fetch,
) {
  const client = createInstanceClient(config, { directory, fetch: fetchImpl });
  await unwrap(client.permission.reply({ requestID: request.id, reply }), "answer the permission request");
}

export async function replyQuestion(
  config: InstanceConfig,
  directory: string | undefined,
  request: Pick<QuestionRequest, "id">,
  answers: QuestionAnswer[],
  fetchImpl?: typeof fetch,
) {
  const client = createInstanceClient(config, { directory, fetch: fetchImpl });
  await unwrap(client.question.reply({ requestID: request.id, answers }), "answer the question");
}

export async function rejectQuestion(
  config: InstanceConfig,
  directory: string | undefined,
  request: Pick<QuestionRequest, "id">,
  fetchImpl?: typeof fetch,
) {
  const client = createInstanceClient(config, { directory, fetch: fetchImpl });
  await unwrap(client.question.reject({ requestID: request.id }), "dismiss the question");
}
