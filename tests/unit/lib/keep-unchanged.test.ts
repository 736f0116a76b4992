import { describe, expect, it } from "vitest";
import { keepUnchanged, sameItems } from "../../../src/lib/keep-unchanged";

type Item = { id: string; value: number };
const keep = (previous: Item[] | undefined, next: Item[]) =>
  keepUnchanged(
    previous,
    next,
    (item) => item.id,
    (a, b) => a.value === b.value,
  );

describe("keepUnchanged", () => {
  it("hands back the previous list when every item is equal and in the same order", () => {
    const previous = [
      { id: "a", value: 1 },
      { id: "b", value: 2 },
    ];
    expect(keep(previous, [{ ...previous[0] }, { ...previous[1] }])).toBe(previous);
  });

  it("makes a new list when equal items were reordered, keeping their objects", () => {
    const previous = [
      { id: "a", value: 1 },
      { id: "b", value: 2 },
    ];
    const next = keep(previous, [{ ...previous[1] }, { ...previous[0] }]);
    expect(next).not.toBe(previous);
    expect(next[0]).toBe(previous[1]);
    expect(next[1]).toBe(previous[0]);
  });

  it("takes the new object of an item that changed or is new, and drops the ones that went", () => {
    const previous = [
      { id: "a", value: 1 },
      { id: "b", value: 2 },
      { id: "c", value: 3 },
    ];
    const changed = { id: "b", value: 5 };
    const added = { id: "d", value: 4 };
    const next = keep(previous, [{ id: "a", value: 1 }, changed, added]);
    expect(next).toEqual([previous[0], changed, added]);
    expect(next[0]).toBe(previous[0]);
    expect(next[1]).toBe(changed);
    expect(next[2]).toBe(added);
  });

  it("takes the new list as it is when there was none, or it was empty", () => {
    const next = [{ id: "a", value: 1 }];
    expect(keep(undefined, next)).toBe(next);
    expect(keep([], next)).toBe(next);
  });
});

describe("sameItems", () => {
  it("compares item by item, by identity unless told how", () => {
    expect(sameItems(["busy"], ["busy"])).toBe(true);
    expect(sameItems(["busy"], ["busy", "error"])).toBe(false);
    expect(sameItems([{ n: 1 }], [{ n: 1 }])).toBe(false);
    expect(sameItems([{ n: 1 }], [{ n: 1 }], (a, b) => a.n === b.n)).toBe(true);
  });
});
