/**
 * plainData: a value the store takes as it is, without Solid's deep unwrap, and still reactive.
 * Here rather than in unit/: it needs Solid's reactive (browser) build, which this project resolves.
 */
import { createComputed, createRoot } from "solid-js";
import { createStore, produce, unwrap } from "solid-js/store";
import { describe, expect, it } from "vitest";
import { plainData } from "../../../src/state/plain";

describe("plainData", () => {
  it("spares the value Solid's deep walk: what is inside is stored exactly as given", () => {
    // unwrap replaces a store proxy found inside a value with its raw object: a proxy left in
    // place shows that nothing walked the value.
    const [other] = createStore({ x: 1 });
    const [walked, setWalked] = createStore<{ list: Array<{ inner: unknown }> }>({ list: [] });
    setWalked(produce((draft) => void (draft.list = [{ inner: other }])));
    expect(unwrap(walked).list[0].inner).toBe(unwrap(other));

    const [state, setState] = createStore<{ list: Array<{ inner: unknown }> }>({ list: [] });
    setState(produce((draft) => void (draft.list = plainData([{ inner: other }]))));
    expect(unwrap(state).list[0].inner).toBe(other);
    expect(Object.keys(state.list)).toEqual(["0"]);
    expect(JSON.stringify(state.list)).toBe('[{"inner":{"x":1}}]');
  });

  it("stays reactive: a later write deep inside it reaches whoever reads it", () => {
    createRoot((dispose) => {
      const [state, setState] = createStore<{ parts: Record<string, Array<{ id: string; text: string }>> }>({ parts: {} });
      setState(produce((draft) => void (draft.parts.m1 = plainData([{ id: "p1", text: "a" }]))));
      const seen: string[] = [];
      createComputed(() => seen.push(state.parts.m1[0].text));
      setState("parts", "m1", 0, "text", (text) => text + "b");
      expect(seen).toEqual(["a", "ab"]);
      dispose();
    });
  });

  it("marks a value once and leaves it an ordinary array", () => {
    const list = [1, 2];
    expect(plainData(plainData(list))).toBe(list);
    expect(Array.isArray(list)).toBe(true);
    expect([...list]).toEqual([1, 2]);
  });
});
