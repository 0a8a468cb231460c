import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { applyStep } from '../../src/app/apply-step.js';
import { deletedStep, deps, moveUpnStep, setStep, world } from './apply-step-fixtures.js';

// What a run holds: an access token from the sign-in and the app's client secret / a password.
const TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLWJ5dGVz';
const CLIENT_SECRET = 'Qx8~hunter2.SuperSecret_value';
const PASSWORD = 'P@ssw0rd-for-ldap-bind';

describe('secrets never enter the journal', () => {
  it('keeps the token and the secrets out of the file and the outcomes, whatever the errors quote', async () => {
    const w = world();
    const d = { ...deps(w), secrets: [CLIENT_SECRET, PASSWORD] };
    const details: string[] = [];

    // A write whose error quotes the request headers and body, as a careless HTTP layer might.
    w.tenant.beforeWrite = (call) => {
      if (call.method === 'setImmutableId') {
        throw new UserFacingError(
          `PATCH failed; headers: Authorization: Bearer ${TOKEN}; body client_secret=${CLIENT_SECRET}&password=${PASSWORD}`,
          'GRAPH_500',
          `Retry with a fresh token (was ${TOKEN}).`,
        );
      }
    };
    details.push((await applyStep(d, setStep())).detail);

    // A lost reply whose text holds the secret verbatim, then a successful move and a purge.
    w.tenant.beforeWrite = undefined;
    w.tenant.afterWrite = () => {
      throw new Error(`connection reset while sending ${PASSWORD} and ${TOKEN}`);
    };
    details.push((await applyStep(d, moveUpnStep())).detail);
    w.tenant.afterWrite = undefined;
    details.push((await applyStep(d, deletedStep('PURGE_DELETED_USER'))).detail);

    const file = readFileSync(w.path, 'utf8');
    expect(file.split('\n').filter(Boolean)).toHaveLength(6);
    for (const secret of [TOKEN, CLIENT_SECRET, PASSWORD, 'hunter2']) {
      expect(file).not.toContain(secret);
      for (const detail of details) expect(detail).not.toContain(secret);
    }
    // The failure itself is still explained.
    expect(file).toContain(
      'PATCH failed; headers: Authorization: [redacted]; body client_secret=[redacted]&password=[redacted]',
    );
    expect(details[0]).toMatch(/^Could not change the immutableId of jdoe@contoso\.com: PATCH failed/);
  });
});
