// The batch's heap growth setting (issue 18, memory) is the user's to override: set only when
// neither node's own flags nor NODE_OPTIONS name it. (Its effect on memory is measured by
// `npm run bench:batch`, not asserted here.)
import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from '../../src/adapters/heap-growth.js';

describe('limitHeapGrowth', () => {
  it("leaves the user's own setting", () => {
    expect(limitHeapGrowth(50, { execArgv: ['--heap-growing-percent=200'], nodeOptions: undefined })).toBe(
      false,
    );
    expect(
      limitHeapGrowth(50, {
        execArgv: [],
        nodeOptions: '--max-old-space-size=900 --heap_growing_percent=80',
      }),
    ).toBe(false);
  });

  it('sets it otherwise', () => {
    expect(
      limitHeapGrowth(50, { execArgv: ['--enable-source-maps'], nodeOptions: '--max-old-space-size=900' }),
    ).toBe(true);
  });
});
