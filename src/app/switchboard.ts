/**
 * The composition root: one SSEManager for all instances, one runtime (store + batcher + resync) per
 * instance, the open session tabs, and the actions components call. Data flows one way: the manager
 * feeds runtimes, runtimes feed stores, components read stores and call these actions.
 */
import type { QuestionAnswer, QuestionRequest, PermissionRequest, Session } from "@opencode-ai/sdk/v2/client";
import { batch, createSignal } from "solid-js";
import { createStore, produce } from "solid-js/store";
import * as api from "../api/actions";
import type { InstanceConfig } from "../api/instance";
import { probeInstance, type ProbeResult } from "../api/probe";
import type { PromptChoice } from "../api/session-api";
import { SSEManager, type SSEManagerOptions } from "../transport/sse-manager";
import type { ConnectionDiagnosis, RoutedEvent } from "../transport/types";
import { connectAddress, updateInstance, type ConnectDeps, type ConnectValues } from "./connect";
import { createInstanceRuntime, type InstanceRuntime, type RuntimeOptions } from "./instance-runtime";
import { makeSharedFrame } from "./shared-frame";
import { animationFrame } from "../state/batcher";
import { browserNotificationPort, type NotificationPort } from "./notification-port";
import {
  browserStorages,
  loadInstances,
  loadPageTuning,
  loadReconnectTuning,
  loadTabs,
  saveInstances,
  saveTabs,
  type SavedInstance,
  type Storages,
} from "./persistence";

export interface SwitchboardOptions {
  storages?: Storages;
  fetch?: typeof fetch;
  manager?: Omit<SSEManagerOptions, "onEvent" | "onStatus" | "onConnected" | "onMalformed" | "onStreamFailure" | "diagnose">;
  runtime?: Pick<RuntimeOptions, "schedule">;
  probe?: (config: InstanceConfig) => Promise<ProbeResult>;
  /** Desktop notifications (tests hand in a fake); default the browser's. */
  notifications?: NotificationPort;
  /** Whether the page is hidden; default `document.visibilityState`. */
  pageHidden?: () => boolean;
}

export type Switchboard = ReturnType<typeof createSwitchboard>;

/** Builds the app's controller; call inside a Solid root (it creates signals and stores). */
export function createSwitchboard(options: SwitchboardOptions = {}) {
  const storages = options.storages ?? browserStorages();
  const probe = options.probe ?? ((config: InstanceConfig) => probeInstance(config, { fetch: options.fetch }));
  const runtimes = new Map<string, InstanceRuntime>();
  const [order, setOrder] = createSignal<string[]>([]);
  const [tabs, setTabs] = createStore<Record<string, string[]>>(loadTabs(storages));

  const diagnose = async (instance: InstanceConfig): Promise<ConnectionDiagnosis | null> => {
    const result = await probe(instance);
    if (result.ok) return null;
    if (result.kind === "unauthorized" || result.kind === "wrong-password") return { reason: "unauthorized", message: result.message };
    if (result.kind === "not-opencode") return { reason: "not-opencode", message: result.message };
    return { reason: "unreachable", message: result.message };
  };

  const manager = new SSEManager({
    // Shorter reconnects for the end-to-end tests only: the production build (mode "production")
    // drops this line and loadReconnectTuning with it, so no user can be given a tuning knob.
    ...(import.meta.env.MODE === "e2e" ? loadReconnectTuning(storages) : {}),
    ...options.manager,
    diagnose,
    onEvent: (event) => runtimes.get(event.instanceId)?.push(event),
    onStatus: (id, status) => runtimes.get(id)?.setStatus(status),
    onMalformed: (id) => runtimes.get(id)?.store.countMalformed(),
    onStreamFailure: (id, message) => runtimes.get(id)?.noteStreamFailure(message),
    onConnected: (id) => {
      const runtime = runtimes.get(id);
      if (!runtime) return;
      void runtime.resync();
      void probe(runtime.config()).then((result) => {
        if (result.ok) runtime.setServerInfo({ version: result.version, path: result.path });
      });
    },
  });

  const persist = () =>
    saveInstances(
      storages,
      order().map((id) => runtimes.get(id)!.config()),
    );
  const persistTabs = () => saveTabs(storages, JSON.parse(JSON.stringify(tabs)));

  /** A child started by the task tool gets its own tab when its parent's tab is open. */
  const openChildTabs = (instanceId: string, events: RoutedEvent[]) => {
    for (const { event } of events) {
      if (event.type !== "session.created") continue;
      const info = (event.properties as { info?: Session } | undefined)?.info;
      if (info?.parentID && tabs[instanceId]?.includes(info.parentID)) openSession(instanceId, info.id);
    }
  };

  // Every server's events are applied in one frame, in one Solid batch (see shared-frame.ts).
  const schedule = makeSharedFrame(animationFrame, batch);
  const addRuntime = (config: SavedInstance) => {
    const runtime = createInstanceRuntime(config, {
      fetch: options.fetch,
      schedule,
      // Like the reconnect tuning above: e2e builds only.
      ...(import.meta.env.MODE === "e2e" ? { pages: loadPageTuning(storages) } : {}),
      ...options.runtime,
      openSessions: () => tabs[config.id] ?? [],
      onApplied: (events) => openChildTabs(config.id, events),
    });
    runtimes.set(config.id, runtime);
    setOrder((ids) => [...ids, config.id]);
    manager.add(config);
    return runtime;
  };

  /**
   * Starts loading a session's history unless it is here or on its way; the page calls it as soon as
   * the user reaches for a session (see routes/preload-on-intent.ts), so the answer is often in by the
   * time the view is built.
   */
  function preloadSession(instanceId: string, sessionId: string) {
    const runtime = runtimes.get(instanceId);
    const session = runtime?.store.state.sessions[sessionId];
    if (runtime && session && !runtime.isLoaded(sessionId)) void runtime.loadSession(session).catch(() => undefined);
  }

  /**
   * Adds a session's tab (and starts loading its history). Which session is shown is the URL's: the
   * page navigates, this only keeps the list of open tabs that the user edits.
   */
  function openSession(instanceId: string, sessionId: string) {
    const runtime = runtimes.get(instanceId);
    if (!runtime) return;
    preloadSession(instanceId, sessionId);
    if (tabs[instanceId]?.includes(sessionId)) return;
    setTabs(produce((all) => void (all[instanceId] = [...(all[instanceId] ?? []), sessionId])));
    persistTabs();
  }

  /** The session last shown per instance, written as the URL changes; where an instance's tab leads back to. */
  const lastShown = new Map<string, string>();

  const requireSession = (instanceId: string, sessionId: string) => {
    const runtime = runtimes.get(instanceId);
    const session = runtime?.store.state.sessions[sessionId];
    if (!runtime || !session) throw new Error("This session is not loaded yet: wait for the server to reconnect.");
    return { runtime, session };
  };

  for (const saved of loadInstances(storages)) addRuntime(saved);

  const connectDeps: ConnectDeps = {
    saved: () => order().map((id) => runtimes.get(id)!.config()),
    probe,
    add: (config, result) => {
      addRuntime(config).setServerInfo({ version: result.version, path: result.path });
      persist();
    },
    update: (config, result) => {
      const runtime = runtimes.get(config.id)!;
      runtime.setConfig(config);
      manager.update(config);
      runtime.setServerInfo({ version: result.version, path: result.path });
      persist();
    },
  };

  return {
    manager,
    /** What the page's desktop notifications use: storage for the choice, the Notification API, visibility. */
    environment: {
      storages,
      notifications: options.notifications ?? browserNotificationPort(),
      pageHidden: options.pageHidden ?? (() => typeof document !== "undefined" && document.visibilityState === "hidden"),
    },
    order,
    tabs,
    /** Remembers that the URL shows this session of this instance (see `lastShown`). */
    rememberShown: (instanceId: string, sessionId: string) => void lastShown.set(instanceId, sessionId),
    /** The session an instance's tab should lead back to, if its tab is still open. */
    lastShown: (instanceId: string) => {
      const id = lastShown.get(instanceId);
      return id && tabs[instanceId]?.includes(id) ? id : undefined;
    },
    runtime: (id: string) => runtimes.get(id),
    /** The fetch every request goes through (tests inject one); for the session's own actions. */
    fetch: options.fetch,
    instances: () => order().map((id) => runtimes.get(id)!),

    /** Parses, probes, and adds (or finds the server already added): see connect.ts. */
    connect: (values: ConnectValues) => connectAddress(values, connectDeps),

    /** A password typed for an instance already added (one opened without it); resolves with an error sentence. */
    async setPassword(id: string, password: string, rememberPassword: boolean): Promise<string | undefined> {
      const runtime = runtimes.get(id);
      if (!runtime) return "This instance was removed.";
      const outcome = await updateInstance(runtime.config(), { password, rememberPassword }, connectDeps);
      return "error" in outcome ? outcome.error : undefined;
    },

    /**
     * Adds an instance without probing it first, or updates its password: for servers the local
     * companion reports (discovery), whose state the connection itself then shows (a locked one says
     * it needs a password).
     */
    adopt(config: SavedInstance) {
      const existing = runtimes.get(config.id);
      if (existing) {
        existing.setConfig({ ...existing.config(), password: config.password });
        manager.update(existing.config());
      } else {
        addRuntime(config);
      }
      persist();
    },

    removeInstance(id: string) {
      const runtime = runtimes.get(id);
      if (!runtime) return;
      manager.remove(id);
      runtime.dispose();
      runtimes.delete(id);
      setOrder((ids) => ids.filter((other) => other !== id));
      setTabs(produce((all) => void delete all[id]));
      persist();
      persistTabs();
    },

    renameInstance(id: string, label: string) {
      const runtime = runtimes.get(id);
      if (!runtime) return;
      runtime.setConfig({ ...runtime.config(), label: label.trim() || undefined });
      persist();
    },

    retry: (id: string) => manager.retryNow(id),

    openSession,
    preloadSession,

    /**
     * Closes a session's tab and returns the tab to show instead when it was the shown one: the one
     * after it, or the one before when it was last (undefined when none is left).
     */
    closeSession(instanceId: string, sessionId: string): string | undefined {
      const open = tabs[instanceId] ?? [];
      const index = open.indexOf(sessionId);
      if (index < 0) return undefined;
      const next = open.filter((id) => id !== sessionId);
      setTabs(instanceId, next);
      persistTabs();
      return next[Math.min(index, next.length - 1)];
    },

    async createSession(instanceId: string, directory: string | undefined) {
      const runtime = runtimes.get(instanceId);
      if (!runtime) throw new Error("This instance was removed.");
      const session = await api.createSession(runtime.config(), directory, options.fetch);
      runtime.store.applySnapshot({ sessions: [session] });
      openSession(instanceId, session.id);
      return session;
    },

    /**
     * Sends a prompt. The session reads busy from this moment, not from the server's first status
     * event about a second later, so a second Enter cannot queue a second prompt; the server's own
     * status events take over from there. A refused send puts it back to idle.
     */
    async sendPrompt(instanceId: string, sessionId: string, text: string, choice?: PromptChoice) {
      const { runtime, session } = requireSession(instanceId, sessionId);
      const statusEvent = (type: "busy" | "idle") => ({ type: "session.status", properties: { sessionID: sessionId, status: { type } } });
      const wasBusy = runtime.store.state.status[sessionId]?.type === "busy";
      runtime.store.applyEvents([statusEvent("busy")]);
      const optimistic = runtime.store.state.status[sessionId];
      try {
        await api.sendPrompt(runtime.config(), session, text, options.fetch, choice);
      } catch (error) {
        // Back to idle only if no status came from the server in the meantime.
        if (!wasBusy && runtime.store.state.status[sessionId] === optimistic) runtime.store.applyEvents([statusEvent("idle")]);
        throw error;
      }
    },

    async abort(instanceId: string, sessionId: string) {
      const { runtime, session } = requireSession(instanceId, sessionId);
      await api.abortSession(runtime.config(), session, options.fetch);
    },

    async replyPermission(instanceId: string, request: PermissionRequest, reply: api.PermissionReply) {
      const { runtime, session } = requireSession(instanceId, request.sessionID);
      await api.replyPermission(runtime.config(), session.directory, request, reply, options.fetch);
    },

    async replyQuestion(instanceId: string, request: QuestionRequest, answers: QuestionAnswer[]) {
      const { runtime, session } = requireSession(instanceId, request.sessionID);
      await api.replyQuestion(runtime.config(), session.directory, request, answers, options.fetch);
    },

    async rejectQuestion(instanceId: string, request: QuestionRequest) {
      const { runtime, session } = requireSession(instanceId, request.sessionID);
      await api.rejectQuestion(runtime.config(), session.directory, request, options.fetch);
    },

    dispose() {
      manager.dispose();
      for (const runtime of runtimes.values()) runtime.dispose();
      runtimes.clear();
    },
  };
}
