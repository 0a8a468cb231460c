// The findings box scrolls: PgDn/PgUp move its explanation by entries (the message, then each
// evidence line, one line per key of a nested object), within bounds; choosing another finding
// starts its explanation at the top; the footer and the help name the keys.
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/core/diagnosis-types.js';
import { footerKeys } from '../../src/core/wizard/keymap.js';
import { orderedFindings } from '../../src/core/wizard/walk.js';
import { staleImmutableId } from './wizard-fixtures.js';
import { atFindings, keys, run } from './wizard-driver.js';

const withEvidence: Diagnosis = {
  ...staleImmutableId,
  findings: staleImmutableId.findings.map((f, i) =>
    i === 0 ? { ...f, evidence: { a: 'x', b: ['y', 'z'], nested: { c: 1, d: 2, e: 3 } } } : f,
  ),
};

describe('the findings box', () => {
  it('scrolls by evidence entries with PgDn/PgUp, never past either end', () => {
    const first = orderedFindings(withEvidence)[0]!;
    expect(first.evidence).toHaveProperty('nested');
    let s = atFindings(withEvidence);
    s = run(s, keys('pageDown'));
    expect(s.screen).toMatchObject({ kind: 'findings', detail: 1 });
    // a, b, and nested's three keys: five entries below the message.
    s = run(s, keys('pageDown', 'pageDown', 'pageDown', 'pageDown', 'pageDown', 'pageDown'));
    expect(s.screen).toMatchObject({ detail: 5 });
    s = run(s, keys('pageUp', 'pageUp'));
    expect(s.screen).toMatchObject({ detail: 3 });
    s = run(s, keys('pageUp', 'pageUp', 'pageUp', 'pageUp'));
    expect(s.screen).toMatchObject({ detail: 0, cursor: 0 });
  });

  it('starts another finding at the top, and names the keys', () => {
    let s = run(atFindings(withEvidence), keys('pageDown', 'pageDown'));
    expect(footerKeys(s)).toContainEqual(['PgUp/PgDn', 'scroll the box']);
    expect(orderedFindings(withEvidence).length).toBeGreaterThan(1);
    s = run(s, keys('down'));
    expect(s.screen).toMatchObject({ cursor: 1, detail: 0 });
    // The raw values have no box: the keys are not offered there.
    expect(footerKeys(run(s, keys('r'))).map(([k]) => k)).not.toContain('PgUp/PgDn');
  });
});
