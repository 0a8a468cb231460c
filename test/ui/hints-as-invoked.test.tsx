// Commands the screens quote in their own sentences are shown as this run was started (like the
// hints in the state): the unfinished-writes screen's "journal", the half-done summary's "fix".
import { render } from 'ink-testing-library';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Invocation } from '../../src/core/command-hints.js';
import { ColorContext } from '../../src/ui/theme.js';
import { WizardApp } from '../../src/ui/wizard-app.js';
import { staleImmutableId } from '../core/wizard-fixtures.js';
import { fakeServices, type FakeOptions } from './fake-services.js';
import { KEY } from './harness.js';

const mounted: Array<{ unmount: () => void }> = [];
afterEach(async () => act(async () => mounted.splice(0).forEach((m) => m.unmount())));

const NPM: Invocation = { prefix: 'npm start --', lab: 'stale-immutable-id' };

async function start(options: FakeOptions, invocation?: Invocation) {
  let r: ReturnType<typeof render> | undefined;
  await act(async () => {
    r = render(
      <ColorContext.Provider value={false}>
        <WizardApp
          services={fakeServices(options)}
          identity="jdoe"
          invocation={invocation}
          onExit={() => {}}
        />
      </ColorContext.Provider>,
    );
  });
  mounted.push(r!);
  // A tall terminal: the whole summary on screen.
  Object.defineProperty(r!.stdout, 'rows', { value: 40, configurable: true });
  await act(async () => void r!.stdout.emit('resize'));
  return {
    text: () => (r!.lastFrame() ?? '').replace(/\s+/g, ' '),
    press: async (...keys: string[]) => {
      for (const k of keys) await act(async () => void r!.stdin.write(k));
    },
  };
}

describe('commands in the screens’ own sentences', () => {
  it('the unfinished-writes screen names the journal command as this run types it', async () => {
    const ui = await start({ diagnoses: [staleImmutableId], unfinished: ['SET_IMMUTABLE_ID on jdoe'] }, NPM);
    expect(ui.text()).toContain('Check them with npm start -- journal --lab stale-immutable-id before');
    const plain = await start({ diagnoses: [staleImmutableId], unfinished: ['SET_IMMUTABLE_ID on jdoe'] });
    expect(plain.text()).toContain('Check them with syncmatch journal before');
  });

  it('the half-done summary says how to finish as this run types it', async () => {
    const ui = await start({ diagnoses: [staleImmutableId] }, NPM);
    await ui.press(KEY.enter, KEY.enter, KEY.enter); // findings → plan → confirm → apply
    await ui.press(KEY.down, KEY.down, KEY.enter); // Finish here
    expect(ui.text()).toContain('run npm start -- fix --lab stale-immutable-id jdoe again');
  });
});
