import { render } from 'ink-testing-library';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SetupAnswers } from '../../src/ui/setup/questions.js';
import { SetupWizard, type SaveResult, type SetupResult } from '../../src/ui/setup/setup-wizard.js';
import { ColorContext } from '../../src/ui/theme.js';

const KEY = {
  down: '\u001B[B',
  up: '\u001B[A',
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
};
// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g;

const mounted: { unmount: () => void }[] = [];
afterEach(async () => {
  await act(async () => {
    for (const m of mounted.splice(0)) m.unmount();
  });
});

interface Harness {
  frame: () => string;
  text: () => string;
  type: (input: string) => Promise<void>;
  result: () => SetupResult | null;
  save: ReturnType<typeof vi.fn>;
}

async function start(
  options: {
    initial?: SetupAnswers;
    save?: (a: SetupAnswers) => Promise<SaveResult>;
    validate?: (id: string, value: string) => string | null;
  } = {},
): Promise<Harness> {
  let result: SetupResult | null = null;
  const save = vi.fn(options.save ?? (async () => ({ ok: true as const, path: '/cfg/config.json' })));
  let r: ReturnType<typeof render> | undefined;
  await act(async () => {
    r = render(
      <ColorContext.Provider value={false}>
        <SetupWizard
          initial={options.initial ?? { profile: 'contoso' }}
          validate={
            options.validate ??
            ((id, v) => (id === 'clientId' && !/^[0-9a-f-]{36}$/.test(v) ? 'The client id is a GUID.' : null))
          }
          save={save}
          summarize={(a) => [
            `AD ${a.adUrls ?? ''} bind ${a.bindIdentity ?? ''}`,
            `Tenant ${a.tenant ?? ''} ${a.signIn ?? ''}`,
          ]}
          onExit={(x) => (result = x)}
        />
      </ColorContext.Provider>,
    );
  });
  const rendered = r!;
  mounted.push(rendered);
  Object.defineProperty(rendered.stdout, 'columns', { value: 80, configurable: true });
  await act(async () => void rendered.stdout.emit('resize'));
  const frame = (): string => (rendered.lastFrame() ?? '').replace(ANSI, '');
  return {
    frame,
    text: () => frame().replace(/\s+/g, ' '),
    type: async (input) => {
      await act(async () => void rendered.stdin.write(input));
    },
    result: () => result,
    save,
  };
}

function expectFits(frame: string): void {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(24);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
}

/** Answers for a device-code profile with ssh, typed the way a fast typist's terminal delivers them. */
async function answerEverything(h: Harness): Promise<void> {
  await h.type(KEY.enter); // profile: contoso (prefilled)
  await h.type(KEY.enter); // LDAPS
  await h.type('dc01.contoso.com\r');
  await h.type('\r'); // no CA file
  await h.type('svc-syncmatch@contoso.com\r');
  await h.type(KEY.enter); // password: ask each run
  await h.type('\r'); // base DN from the rootDSE
  await h.type(KEY.enter); // anchor: mS-DS-ConsistencyGuid
  await h.type('\r'); // scope: whole domain
  await h.type('contoso.onmicrosoft.com\r');
  await h.type(KEY.enter); // device code
  await h.type('11111111-2222-3333-4444-555555555555\r');
  await h.type(KEY.enter); // ssh
  await h.type('sync01.contoso.com\r');
  await h.type('\r'); // port 22 (prefilled)
  await h.type('svc-sync\r');
  await h.type('\r'); // agent / default keys
  await h.type(`SHA256:${'A'.repeat(43)}\r`);
  await h.type(KEY.enter); // ssh password: none
}

describe('the setup wizard', () => {
  it('asks one question at a time, then shows a review and saves what was answered', async () => {
    const h = await start();
    expect(h.text()).toContain('Profile name (one per customer)');
    expect(h.text()).toContain('› contoso');
    await answerEverything(h);
    expect(h.text()).toContain('Review');
    expect(h.text()).toContain('AD dc01.contoso.com bind svc-syncmatch@contoso.com');
    expect(h.text()).toContain('Save, then test every connection');
    expectFits(h.frame());
    await h.type(KEY.down + KEY.enter); // "Save"
    expect(h.save).toHaveBeenCalledTimes(1);
    expect(h.save.mock.calls[0]![0]).toMatchObject({
      profile: 'contoso',
      adEncryption: 'ldaps',
      adUrls: 'dc01.contoso.com',
      bindIdentity: 'svc-syncmatch@contoso.com',
      bindPasswordSource: 'prompt',
      anchor: 'mS-DS-ConsistencyGuid',
      tenant: 'contoso.onmicrosoft.com',
      signIn: 'device-code',
      clientId: '11111111-2222-3333-4444-555555555555',
      transport: 'ssh',
      sshPort: '22',
      sshHostKey: `SHA256:${'A'.repeat(43)}`,
      sshPasswordSource: 'none',
    });
    expect(h.result()).toEqual({ saved: true, check: false, profile: 'contoso' });
    expect(h.text()).toContain('Saved to /cfg/config.json');
  });

  it('"Save, then test" asks the command to run the check', async () => {
    const h = await start();
    await answerEverything(h);
    await h.type(KEY.enter);
    expect(h.result()).toEqual({ saved: true, check: true, profile: 'contoso' });
  });

  it('keeps a question open with the reason when the answer is refused', async () => {
    const h = await start({
      initial: {
        profile: 'contoso',
        adEncryption: 'ldaps',
        adUrls: 'dc01',
        bindIdentity: 'svc@c.com',
        tenant: 'c.com',
      },
    });
    for (let i = 0; i < 11; i++) await h.type(KEY.enter); // through the prefilled answers to the client id
    expect(h.text()).toContain('Application (client) id');
    await h.type('not-a-guid\r');
    expect(h.text()).toContain('✗ The client id is a GUID.');
    expect(h.text()).toContain('Application (client) id');
    await h.type(KEY.ctrlU + '11111111-2222-3333-4444-555555555555\r');
    expect(h.text()).toContain('How does syncmatch start a sync');
  });

  it('says an answer is needed for a required question, and accepts an empty optional one', async () => {
    const h = await start({ initial: { profile: 'contoso' } });
    await h.type(KEY.enter + KEY.enter); // profile, LDAPS
    await h.type(KEY.enter); // empty server
    expect(h.text()).toContain('An answer is needed here.');
    await h.type('dc01\r');
    expect(h.text()).toContain('CA certificate file');
    expect(h.text()).toContain('(optional)');
    await h.type(KEY.enter);
    expect(h.text()).toContain('Bind account');
  });

  it('skips what does not apply: no client id for the Azure CLI, a secret source for a client secret', async () => {
    const h = await start({
      initial: {
        profile: 'c',
        adEncryption: 'ldaps',
        adUrls: 'dc01',
        bindIdentity: 'svc@c.com',
        bindPasswordSource: 'prompt',
        tenant: 'c.com',
      },
    });
    for (let i = 0; i < 10; i++) await h.type(KEY.enter);
    expect(h.text()).toContain('How does syncmatch sign in');
    await h.type(KEY.down + KEY.down + KEY.enter); // Azure CLI
    expect(h.text()).toContain('How does syncmatch start a sync');
    await h.type(KEY.escape); // back to the sign-in choice, cursor on the Azure CLI
    await h.type(KEY.down + KEY.enter); // client secret
    expect(h.text()).toContain('Application (client) id');
    await h.type('11111111-2222-3333-4444-555555555555\r');
    expect(h.text()).toContain('Where does the client secret come from?');
    expect(h.text()).toContain('never stores a secret');
    await h.type(KEY.down + KEY.enter); // an environment variable
    expect(h.text()).toContain('› SYNCMATCH_CLIENT_SECRET');
  });

  it('Escape goes back one question and keeps what was typed', async () => {
    const h = await start();
    await h.type(KEY.enter + KEY.enter + 'dc01.contoso.com\r');
    expect(h.text()).toContain('CA certificate file');
    await h.type(KEY.escape);
    expect(h.text()).toContain('› dc01.contoso.com');
  });

  it('shows why a save was refused and lets the technician change an answer', async () => {
    const save = vi
      .fn<(a: SetupAnswers) => Promise<SaveResult>>()
      .mockResolvedValueOnce({
        ok: false,
        problems: ['ldap://dc01 without StartTLS would send the bind password in clear text.'],
      })
      .mockResolvedValueOnce({ ok: true, path: '/cfg/config.json' });
    const h = await start({ save });
    await answerEverything(h);
    await h.type(KEY.down + KEY.enter);
    expect(h.text()).toContain('✗ ldap://dc01 without StartTLS would send the bind password in clear text.');
    expect(h.result()).toBeNull();
    expect(h.text()).toContain('› Change an answer');
    await h.type(KEY.up + KEY.enter);
    expect(h.result()).toEqual({ saved: true, check: false, profile: 'contoso' });
  });

  it('Ctrl-C cancels without saving', async () => {
    const h = await start();
    await h.type(KEY.enter + 'x' + KEY.ctrlC);
    expect(h.result()).toEqual({ saved: false, check: false, profile: 'contoso' });
    expect(h.save).not.toHaveBeenCalled();
    expect(h.text()).toContain('Cancelled: nothing was saved.');
  });

  it('every question fits an 80×24 terminal', async () => {
    const h = await start();
    const frames: string[] = [h.frame()];
    for (const input of [
      KEY.enter,
      KEY.enter,
      'dc01\r',
      '\r',
      'svc@c.com\r',
      KEY.enter,
      '\r',
      KEY.enter,
      '\r',
      'c.com\r',
      KEY.enter,
    ]) {
      await h.type(input);
      frames.push(h.frame());
    }
    for (const f of frames) expectFits(f);
  });
});
