/**
 * The composition root: one SSEManager for all instances, one runtime (store + batcher + resync) per
 * instance, the open session tabs, and the actions components call. Data flows one way: the manager
 * feeds runtimes, runtimes feed stores, components read stores and call these actions.
 */
import type { QuestionAnswer, QuestionRequest, PermissionRequest, Session } from "@opencode-ai/sdk/v2/client";
import { batch, createSignal } from "solid-js";
import { createStore, produce } from "solid-js/store";
import * as api from "../api/actions";
import { instanceIdFor, parseInstanceAddress, type InstanceConfig } from "../api/instance";
import { probeInstance, type ProbeResult } from "../api/probe";
import { SSEManager, type SSEManagerOptions } from "../transport/sse-manager";
import type { ConnectionDiagnosis, RoutedEvent } from "../transport/types";
import { createInstanceRuntime, type InstanceRuntime, type RuntimeOptions } from "./instance-runtime";
import { browserStorages, loadInstances, loadReconnectTuning, loadTabs, saveInstances, saveTabs, type SavedInstance, type Storages } from "./persistence";

export interface SwitchboardOptions {
  storages?: Storages;
  fetch?: typeof fetch;
  manager?: Omit<SSEManagerOptions, "onEvent" | "onStatus" | "onConnected" | "onMalformed" | "diagnose">;
  runtime?: Pick<RuntimeOptions, "schedule">;
  probe?: (config: InstanceConfig) => Promise<ProbeResult>;
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
    ...loadReconnectTuning(storages),
    ...options.manager,
    diagnose,
    onEvent: (event) => runtimes.get(event.instanceId)?.push(event),
    onStatus: (id, status) => runtimes.get(id)?.setStatus(status),
    onMalformed: (id) => runtimes.get(id)?.store.countMalformed(),
    onConnected: (id) => {
      const runtime = runtimes.get(id);
      if (!runtime) return;
      void runtime.resync();
      void probe(runtime.config()).then((result) => {
        if (result.ok) runtime.setServerInfo({ version: result.version, path: result.path });
      });
    },
  });

  const persist = () => saveInstances(storages, order().map((id) => runtimes.get(id)!.config()));
  const persistTabs = () => saveTabs(storages, JSON.parse(JSON.stringify(tabs)));

  /** A child started by the task tool gets its own tab when its parent's tab is open. */
  const openChildTabs = (instanceId: string, events: RoutedEvent[]) => {
    for (const { event } of events) {
      if (event.type !== "session.created") continue;
      const info = (event.properties as { info?: Session } | undefined)?.info;
      if (info?.parentID && tabs[instanceId]?.includes(info.parentID)) openSession(instanceId, info.id, { focus: false });
    }
  };

  const addRuntime = (config: SavedInstance) => {
    const runtime = createInstanceRuntime(config, {
      fetch: options.fetch,
      ...options.runtime,
      openSessions: () => tabs[config.id] ?? [],
      onApplied: (events) => openChildTabs(config.id, events),
    });
    runtimes.set(config.id, runtime);
    setOrder((ids) => [...ids, config.id]);
    manager.add(config);
    return runtime;
  };

  const [activeSession, setActiveSession] = createSignal<Record<string, string | undefined>>({});

  function openSession(instanceId: string, sessionId: string, opts: { focus?: boolean } = {}) {
    const runtime = runtimes.get(instanceId);
    if (!runtime) return;
    // The request first: it then runs while the tab and its view are built, not after.
    const session = runtime.store.state.sessions[sessionId];
    if (session && !runtime.isLoaded(sessionId)) void runtime.loadSession(session).catch(() => undefined);
    batch(() => {
      if (!tabs[instanceId]?.includes(sessionId)) {
        setTabs(produce((all) => void (all[instanceId] = [...(all[instanceId] ?? []), sessionId])));
        persistTabs();
      }
      if (opts.focus !== false) setActiveSession((all) => ({ ...all, [instanceId]: sessionId }));
    });
  }

  const requireSession = (instanceId: string, sessionId: string) => {
    const runtime = runtimes.get(instanceId);
    const session = runtime?.store.state.sessions[sessionId];
    if (!runtime || !session) throw new Error("This session is not loaded yet: wait for the server to reconnect.");
    return { runtime, session };
  };

  for (const saved of loadInstances(storages)) addRuntime(saved);

  return {
    manager,
    order,
    tabs,
    activeSession: (instanceId: string) => activeSession()[instanceId],
    runtime: (id: string) => runtimes.get(id),
    instances: () => order().map((id) => runtimes.get(id)!),

    /** Parses, probes, and adds; resolves with a sentence to show when it did not work. */
    async connect(values: { address: string; password: string; rememberPassword: boolean; label: string }): Promise<string | undefined> {
      const parsed = parseInstanceAddress(values.address);
      if (!parsed.ok) return parsed.message;
      const id = instanceIdFor(parsed.baseUrl);
      const existing = runtimes.get(id);
      const config: SavedInstance = {
        id,
        baseUrl: parsed.baseUrl,
        label: values.label || existing?.config().label || undefined,
        password: values.password || undefined,
        rememberPassword: values.rememberPassword,
      };
      const result = await probe(config);
      if (!result.ok) return result.message;
      if (existing) {
        existing.setConfig(config);
        manager.update(config);
      } else {
        addRuntime(config);
      }
      runtimes.get(id)!.setServerInfo({ version: result.version, path: result.path });
      persist();
      return undefined;
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

    closeSession(instanceId: string, sessionId: string) {
      const open = tabs[instanceId] ?? [];
      const index = open.indexOf(sessionId);
      if (index < 0) return;
      const next = open.filter((id) => id !== sessionId);
      batch(() => {
        setTabs(instanceId, next);
        if (activeSession()[instanceId] === sessionId) {
          setActiveSession((all) => ({ ...all, [instanceId]: next[Math.min(index, next.length - 1)] }));
        }
      });
      persistTabs();
    },

    async createSession(instanceId: string, directory: string | undefined) {
      const runtime = runtimes.get(instanceId);
      if (!runtime) throw new Error("This instance was removed.");
      const session = await api.createSession(runtime.config(), directory, options.fetch);
      runtime.store.applySnapshot({ sessions: [session] });
      openSession(instanceId, session.id);
      return session;
    },

    async sendPrompt(instanceId: string, sessionId: string, text: string) {
      const { runtime, session } = requireSession(instanceId, sessionId);
      await api.sendPrompt(runtime.config(), session, text, options.fetch);
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
