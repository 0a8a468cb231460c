// The wizard's first frame runs on lazy services: "Do it in the lab" must be offered there already
// (lab runs only, never read-only), and reach the lab once it is open.
import { describe, expect, it } from 'vitest';
import { lazyWizardServices, type ServiceMeta } from '../../src/app/lazy-services.js';
import type { WizardServices } from '../../src/app/services.js';

const meta = (label: string, readOnly = false): ServiceMeta => ({
  environmentLabel: label,
  suggestedIdentity: 'jdoe',
  readOnly,
  journalPath: '/tmp/j.jsonl',
});

function opened(doInLab?: WizardServices['doInLab']): Promise<WizardServices> {
  return Promise.resolve({ ...meta('lab: x'), ...(doInLab ? { doInLab } : {}) } as WizardServices);
}

describe('lazy wizard services', () => {
  it('offer "do it in the lab" on a lab run and pass the actions on once the lab is open', async () => {
    const seen: unknown[] = [];
    const s = lazyWizardServices(
      meta('lab: anchor-collision'),
      opened(async (a) => {
        seen.push(...a);
        return ['done'];
      }),
    );
    expect(s.doInLab).toBeDefined();
    const action = { kind: 'setAdAttribute', objectGuid: 'g', attribute: 'a', value: null } as const;
    expect(await s.doInLab!([action])).toEqual(['done']);
    expect(seen).toEqual([action]);
  });

  it('never offer it on a real run or a read-only lab run', () => {
    expect(
      lazyWizardServices(
        meta('profile: contoso'),
        opened(async () => []),
      ).doInLab,
    ).toBeUndefined();
    expect(
      lazyWizardServices(
        meta('lab: x', true),
        opened(async () => []),
      ).doInLab,
    ).toBeUndefined();
  });

  it('offer undo from the first frame (leaving mid-procedure) and pass it on; never on a read-only run', async () => {
    const calls: string[] = [];
    const ready = Promise.resolve({
      ...meta('profile: contoso'),
      undo: async (id: string) => (
        calls.push(`undo ${id}`),
        { action: 'SET_IMMUTABLE_ID', status: 'done', detail: 'ok' }
      ),
      previewUndo: async (id: string) => (
        calls.push(`preview ${id}`),
        { ok: false, journalId: id, reason: 'no' }
      ),
    } as unknown as WizardServices);
    const s = lazyWizardServices(meta('profile: contoso'), ready);
    expect(await s.previewUndo!('j1')).toEqual({ ok: false, journalId: 'j1', reason: 'no' });
    expect((await s.undo!('j1')).status).toBe('done');
    expect(calls).toEqual(['preview j1', 'undo j1']);
    const readOnly = lazyWizardServices(meta('profile: contoso', true), ready);
    expect(readOnly.undo).toBeUndefined();
    expect(readOnly.previewUndo).toBeUndefined();
  });
});
