import { describe, expect, it } from 'vitest';
import { parseWriteBudget, WriteBudget } from '../../src/lab/graph-simulator/write-budget.js';

describe("the simulator's write budget", () => {
  it('lets the budget through per window, then answers 429 with the seconds until room frees', () => {
    let now = 0;
    const budget = new WriteBudget({ writes: 2, windowMs: 10_000 }, () => now);
    expect(budget.take()).toBeNull();
    now = 1000;
    expect(budget.take()).toBeNull();
    now = 2000;
    const refused = budget.take();
    expect(refused?.status).toBe(429);
    expect(refused?.headers?.['Retry-After']).toBe('8');
    now = 10_001; // the first write left the window
    expect(budget.take()).toBeNull();
    expect(budget.take()?.status).toBe(429);
    expect(budget.throttled).toBe(2);
    expect(budget.allowed).toBe(3);
  });

  it('is off by default and can be switched off', () => {
    const budget = new WriteBudget();
    for (let i = 0; i < 10_000; i++) expect(budget.take()).toBeNull();
    budget.set({ writes: 1, windowMs: 1000 });
    expect(budget.take()).toBeNull();
    expect(budget.take()).not.toBeNull();
    budget.set(null);
    expect(budget.take()).toBeNull();
  });

  it('reads writes per window from text', () => {
    expect(parseWriteBudget('3000/150s')).toEqual({ writes: 3000, windowMs: 150_000 });
    expect(parseWriteBudget('10/250ms')).toEqual({ writes: 10, windowMs: 250 });
    expect(parseWriteBudget('5/2')).toEqual({ writes: 5, windowMs: 2000 });
    for (const bad of ['', 'x', '0/1s', '3/0s', '-1/1s', '3000']) expect(parseWriteBudget(bad)).toBeNull();
  });
});
