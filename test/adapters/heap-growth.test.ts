// The heap growth setting of the batch and the scan (issue 18, memory) is the user's to override:
// set only when node was not started with one. (Its effect on memory is measured by
// `npm run bench:batch` and `npm run bench:scan-cli`, not asserted here.)
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../src/adapters/heap-growth.js';

describe('limitHeapGrowth', () => {
  it("leaves the user's own setting", () => {
    expect(limitHeapGrowth(50, ['--heap-growing-percent=200'])).toBe(false);
    expect(limitHeapGrowth(50, ['--max-old-space-size=900', '--heap_growing_percent=80'])).toBe(false);
  });

  it('sets it otherwise', () => {
    expect(limitHeapGrowth(50, ['--enable-source-maps', '--max-old-space-size=900'])).toBe(true);
  });
});
