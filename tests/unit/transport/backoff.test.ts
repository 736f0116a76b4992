import { describe, expect, it } from "vitest";
import { reconnectDelay } from "../../../src/transport/backoff";

describe("reconnectDelay", () => {
  it("doubles from 1 s and stops at 30 s when jitter takes nothing", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => reconnectDelay(attempt, {}, () => 0));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it("takes at most 30% off with the default jitter, never adds", () => {
    expect(reconnectDelay(1, {}, () => 0.5)).toBe(850);
    expect(reconnectDelay(3, {}, () => 0.999999)).toBe(2800);
    expect(reconnectDelay(10, {}, () => 1)).toBe(21000);
    for (let attempt = 1; attempt <= 12; attempt++) {
      const full = Math.min(30000, 1000 * 2 ** (attempt - 1));
      for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.9999]) {
        const delay = reconnectDelay(attempt, {}, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.round(full * 0.7));
        expect(delay).toBeLessThanOrEqual(full);
      }
    }
  });

  it("honours baseMs, maxMs and jitter options", () => {
    expect(reconnectDelay(1, { baseMs: 50, maxMs: 300, jitter: 0 }, () => 0.9)).toBe(50);
    expect(reconnectDelay(4, { baseMs: 50, maxMs: 300, jitter: 0 }, () => 0.9)).toBe(300);
    expect(reconnectDelay(2, { baseMs: 100, jitter: 1 }, () => 0.5)).toBe(100);
  });

  it("treats attempts below 1 as the first and clamps odd random values", () => {
    expect(reconnectDelay(0, {}, () => 0)).toBe(1000);
    expect(reconnectDelay(-3, {}, () => 0)).toBe(1000);
    expect(reconnectDelay(1, {}, () => -5)).toBe(1000);
    expect(reconnectDelay(1, {}, () => 7)).toBe(700);
    expect(reconnectDelay(5000, {}, () => 0)).toBe(30000);
  });

  it("uses Math.random by default and stays within bounds", () => {
    for (let i = 0; i < 200; i++) {
      const delay = reconnectDelay(2);
      expect(delay).toBeGreaterThanOrEqual(1400);
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });
});
