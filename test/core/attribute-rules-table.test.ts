// Issue 20: every row of the value table (test/helpers/attribute-table.ts) judged three ways — by
// the table (the documents), by the diagnosis (AD_ATTRIBUTE_INVALID, UPN_SUFFIX_UNVERIFIED) and by
// the lab's sync engine (blocked: no user and an export error; placeholder: another value in the
// cloud, the one the rule predicted; dropped: no value; fine: the value as AD holds it).
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/diagnose.js';
import type { Finding } from '../../src/core/findings.js';
import { forecastOutcome } from '../../src/core/scan/forecast.js';
import type { Forecast } from '../../src/core/scan/types.js';
import type { CloudView, OnPremObject } from '../../src/core/snapshot.js';
import { createLabState, type LabState } from '../../src/lab/lab-state.js';
import { scenarioSchema } from '../../src/lab/scenario-schema.js';
import { runDeltaSync } from '../../src/lab/sync-engine/index.js';
import {
  attributeTable,
  DOCS,
  INITIAL,
  UNICODE,
  VERIFIED,
  type Attribute,
  type Outcome,
  type Row,
} from '../helpers/attribute-table.js';

const GUID = '8ec297b6-39dc-4da1-aa92-94686f191d0b';
const DN = 'CN=John Doe,OU=Staff,DC=contoso,DC=com';
const clock = { now: () => new Date('2026-12-03T09:00:00.000Z') };
const BASE = {
  sAMAccountName: 'jdoe',
  userPrincipalName: 'jdoe@contoso.com',
  mail: 'jdoe@contoso.com',
  mailNickname: 'jdoe',
  displayName: 'John Doe',
  proxyAddresses: ['SMTP:jdoe@contoso.com'],
};
const ATTRIBUTES: Attribute[] = [
  'userPrincipalName',
  'mail',
  'mailNickname',
  'proxyAddresses',
  'sAMAccountName',
  'displayName',
];
const RANK: Record<Outcome, number> = { blocked: 3, placeholder: 2, dropped: 1, fine: 0 };

/** The user's AD attributes for a row ('' and undefined: the attribute is absent). */
function attributesOf(row: Row): Record<string, string | string[]> {
  const value = row.attribute === 'proxyAddresses' ? [...BASE.proxyAddresses, row.value] : row.value;
  const all: Record<string, string | string[] | undefined> = { ...BASE, ...row.with, [row.attribute]: value };
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

const single = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null);

function cloudView(): CloudView {
  return {
    users: [],
    groups: [],
    contacts: [],
    deletedUsers: [],
    domains: [
      ...VERIFIED.map((id) => ({
        id,
        isVerified: true,
        isInitial: false,
        authenticationType: 'Managed' as const,
      })),
      { id: INITIAL, isVerified: true, isInitial: true, authenticationType: 'Managed' as const },
    ],
    features: {
      blockSoftMatchEnabled: false,
      blockCloudObjectTakeoverThroughHardMatchEnabled: false,
      softMatchOnUpnEnabled: true,
    },
    roles: {},
  };
}

interface Verdict {
  flagged: boolean;
  outcome: Outcome;
  /** The value the rules say the cloud stores instead (placeholder). */
  cloudValue: string | null;
  findings: Finding[];
  /** The scan's forecast for the user. */
  forecast: Forecast;
}

/** What the diagnosis says about the row's attribute. */
function rulesVerdict(row: Row): Verdict {
  const a = attributesOf(row);
  const user: OnPremObject = {
    objectClass: 'user',
    dn: DN,
    objectGuid: GUID,
    sAMAccountName: single(a.sAMAccountName),
    userPrincipalName: single(a.userPrincipalName),
    mail: single(a.mail),
    mailNickname: single(a.mailNickname),
    displayName: single(a.displayName),
    proxyAddresses: Array.isArray(a.proxyAddresses) ? a.proxyAddresses : [],
    consistencyGuid: null,
  };
  const snapshot = {
    identity: 'jdoe',
    sync: { sourceAnchor: 'objectGUID', scope: ['OU=Staff,DC=contoso,DC=com'] },
    onPrem: { matches: [user], related: [] },
    cloud: cloudView(),
  };
  const diagnosis = diagnose(snapshot);
  const all = diagnosis.findings;
  const findings = all.filter(
    (f) => f.code === 'AD_ATTRIBUTE_INVALID' && f.evidence.attribute === row.attribute,
  );
  let outcome: Outcome = 'fine';
  let cloudValue: string | null = null;
  for (const f of findings) {
    const o = f.evidence.outcome as Outcome;
    if (RANK[o] > RANK[outcome]) outcome = o;
    if (typeof f.evidence.cloudValue === 'string') cloudValue = f.evidence.cloudValue;
  }
  const suffix = all.find((f) => f.code === 'UPN_SUFFIX_UNVERIFIED');
  if (row.attribute === 'userPrincipalName' && suffix && RANK[outcome] < RANK.placeholder) {
    outcome = 'placeholder';
    cloudValue = suffix.evidence.cloudUpnWouldBe as string;
  }
  return {
    flagged: findings.length > 0,
    outcome,
    cloudValue,
    findings,
    forecast: forecastOutcome(diagnosis, snapshot),
  };
}

function labFor(row: Row): LabState {
  return createLabState(
    scenarioSchema.parse({
      name: 'table',
      description: 'one row of the attribute table',
      identity: 'jdoe',
      ad: {
        domain: 'contoso.com',
        objects: [{ objectClass: 'user', dn: DN, objectGUID: GUID, attributes: attributesOf(row) }],
      },
      sync: { sourceAnchor: 'objectGUID', scope: ['OU=Staff,DC=contoso,DC=com'] },
      tenant: {
        initialDomain: INITIAL,
        domains: VERIFIED.map((id) => ({ id, isVerified: true, authenticationType: 'Managed' })),
        features: {},
        users: [],
        deletedUsers: [],
        groups: [],
        contacts: [],
      },
    }),
  );
}

/** What the lab's sync engine did with the row's attribute. */
function engineVerdict(row: Row): { outcome: Outcome; cloudValue: string | null; log: string[] } {
  const state = labFor(row);
  runDeltaSync(state, clock);
  const log = state.syncLog.filter((e) => e.dn === DN).map((e) => `${e.outcome}: ${e.message}`);
  const u = state.tenant.users[0];
  if (!u) {
    const refused = state.syncLog.some(
      (e) => e.dn === DN && (e.outcome === 'ExportError' || e.outcome === 'Skipped'),
    );
    return { outcome: refused ? 'blocked' : 'fine', cloudValue: null, log };
  }
  const judge = (cloud: string | null, ad: string): { outcome: Outcome; cloudValue: string | null } =>
    cloud === ad
      ? { outcome: 'fine', cloudValue: cloud }
      : cloud === null
        ? { outcome: 'dropped', cloudValue: null }
        : { outcome: 'placeholder', cloudValue: cloud };
  switch (row.attribute) {
    case 'userPrincipalName':
      return { ...judge(u.userPrincipalName, row.value), log };
    case 'mail':
      return { ...judge(u.mail, row.value), log };
    case 'mailNickname':
      return { ...judge(u.mailNickname, row.value), log };
    case 'displayName':
      return { ...judge(u.displayName, row.value), log };
    case 'proxyAddresses':
      return { outcome: u.proxyAddresses.includes(row.value) ? 'fine' : 'dropped', cloudValue: null, log };
    case 'sAMAccountName':
      // With a valid UPN the user is created whatever its sAMAccountName.
      return { outcome: 'fine', cloudValue: null, log };
  }
}

const TABLE = attributeTable();
const show = (row: Row) => `${row.attribute} ${JSON.stringify(row.value)} (${row.cls})`;

describe('the attribute table', () => {
  it('has at least 300 values per attribute, each naming the document that decides it', () => {
    for (const a of ATTRIBUTES) {
      const rows = TABLE.filter((r) => r.attribute === a);
      expect(rows.length, a).toBeGreaterThanOrEqual(300);
      expect(rows.every((r) => Object.values(DOCS).includes(r.doc))).toBe(true);
    }
  });

  it('covers every class: punctuation in every position, the Unicode classes, limits, prefixes, domains', () => {
    const classes = TABLE.map((r) => `${r.attribute} ${r.cls}`);
    const has = (a: Attribute, text: string) => classes.some((c) => c.startsWith(a) && c.includes(text));
    for (const a of ATTRIBUTES) {
      for (const p of [...'!"#$%&\'()*+,-/:;<=>?[\\]^`{|}~']) {
        for (const pos of ['start', 'middle', 'end'])
          expect(has(a, `"${p}" ${pos}`), `${a} "${p}" ${pos}`).toBe(true);
      }
      for (const [cls] of UNICODE) expect(has(a, cls), `${a} ${cls}`).toBe(true);
    }
    expect(has('proxyAddresses', 'U+0085')).toBe(true);
    expect(has('mailNickname', 'U+0085')).toBe(true);
    for (const limit of [
      '63 before @',
      '64 before @',
      '65 before @',
      '47 after @',
      '48 after @',
      '49 after @',
      '112 in all',
      '113 in all',
      '114 in all',
    ]) {
      expect(has('userPrincipalName', limit), limit).toBe(true);
    }
    for (const limit of ['63 characters', '64 characters', '65 characters'])
      expect(has('mailNickname', limit)).toBe(true);
    for (const limit of ['255 characters', '256 characters', '257 characters']) {
      expect(has('mail', limit)).toBe(true);
      expect(has('proxyAddresses', limit)).toBe(true);
      expect(has('displayName', limit)).toBe(true);
    }
    for (const limit of ['19 characters', '20 characters', '21 characters'])
      expect(has('sAMAccountName', limit)).toBe(true);
    for (const prefix of ['SIP:', 'EUM:', 'X500', 'X400', 'no prefix', 'second primary']) {
      expect(has('proxyAddresses', prefix), prefix).toBe(true);
    }
    for (const domain of [
      'IDN (punycode)',
      'IDN (Unicode)',
      'unverified suffix contoso.local',
      'non-routable',
    ]) {
      expect(
        classes.some((c) => c.includes(domain)),
        domain,
      ).toBe(true);
    }
  });
});

describe.each(ATTRIBUTES)('%s: the rules and the lab agree with the documents on every row', (attribute) => {
  const rows = TABLE.filter((r) => r.attribute === attribute);

  it('flags exactly the values the documents refuse, with the outcome they give', () => {
    const wrong: string[] = [];
    for (const row of rows) {
      const v = rulesVerdict(row);
      if (v.flagged !== row.flagged || v.outcome !== row.outcome) {
        wrong.push(
          `${show(row)}: table ${row.flagged ? 'flags' : 'passes'}/${row.outcome} (${row.doc}), rules ${v.flagged ? 'flag' : 'pass'}/${v.outcome}`,
        );
      }
      for (const f of v.findings) {
        const expected = f.evidence.outcome === 'blocked' ? 'error' : 'warning';
        if (f.severity !== expected)
          wrong.push(`${show(row)}: severity ${f.severity} for ${String(f.evidence.outcome)}`);
        if (!/^https:\/\//.test(String(f.evidence.source))) wrong.push(`${show(row)}: no source`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the lab's sync engine and the scan's forecast treat each value as the rule says (blocked, placeholder, dropped, fine)", () => {
    const wrong: string[] = [];
    for (const row of rows) {
      const rules = rulesVerdict(row);
      const engine = engineVerdict(row);
      const f = rules.forecast;
      // Outside this issue: the scan skips a sAMAccountName ending in "$" as a machine-like account
      // while the lab's engine exports it; which one Connect's scoping does is not settled here.
      const machineLike =
        f.reason.startsWith('A system object') &&
        row.attribute === 'sAMAccountName' &&
        row.value.endsWith('$');
      const forecastBlocked = f.outcome === 'export-error' || f.outcome === 'not-synced';
      if (
        !machineLike &&
        (forecastBlocked !== (row.outcome === 'blocked') ||
          (forecastBlocked && !/DataValidationFailed|UPN/.test(`${f.error} ${f.reason}`)))
      ) {
        wrong.push(`${show(row)}: table ${row.outcome}, the scan forecasts ${f.outcome} (${f.reason})`);
      }
      if (engine.outcome !== row.outcome) {
        wrong.push(
          `${show(row)}: table ${row.outcome}, engine ${engine.outcome} [${engine.log.join(' | ')}]`,
        );
      } else if (row.outcome === 'placeholder' && engine.cloudValue !== rules.cloudValue) {
        wrong.push(
          `${show(row)}: the rule predicts ${String(rules.cloudValue)}, the engine wrote ${String(engine.cloudValue)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });
});
