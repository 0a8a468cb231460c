// $filter: the parser on its own, then what Graph accepts and rejects, through the real client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilter } from '../../src/lab/graph-simulator/odata-filter.js';
import {
  DELETED,
  graphErrorOf,
  JOHN,
  labScenario,
  OBRIEN,
  startLab,
  SYNCED,
  type Lab,
} from './graph-simulator-fixture.js';

describe('OData filter parser', () => {
  it('parses comparisons, lambdas and or/and with precedence', () => {
    expect(parseFilter("a eq 'x' or b eq 'y' and c eq true")).toEqual({
      kind: 'or',
      left: { kind: 'compare', op: 'eq', property: 'a', value: 'x' },
      right: {
        kind: 'and',
        left: { kind: 'compare', op: 'eq', property: 'b', value: 'y' },
        right: { kind: 'compare', op: 'eq', property: 'c', value: true },
      },
    });
    expect(parseFilter("proxyAddresses/any(p:p eq 'smtp:a@b.c')")).toEqual({
      kind: 'lambda',
      quantifier: 'any',
      property: 'proxyAddresses',
      variable: 'p',
      predicate: { kind: 'compare', op: 'eq', property: 'p', value: 'smtp:a@b.c' },
    });
    expect(parseFilter("endsWith(userPrincipalName,'@x.com')")).toMatchObject({
      kind: 'call',
      fn: 'endswith',
    });
    expect(parseFilter("id in ('a', 'b')")).toEqual({ kind: 'in', property: 'id', values: ['a', 'b'] });
    expect(parseFilter('not (x eq null)')).toEqual({
      kind: 'not',
      operand: { kind: 'compare', op: 'eq', property: 'x', value: null },
    });
  });

  it("reads a doubled single quote as one quote (o''brien)", () => {
    expect(parseFilter("userPrincipalName eq 'o''brien@contoso.com'")).toMatchObject({
      value: "o'brien@contoso.com",
    });
    expect(parseFilter("x eq ''''")).toMatchObject({ value: "'" });
  });

  it('rejects malformed filters with 400 BadRequest', () => {
    for (const bad of ["x eq 'open", 'x eq', "x = 'a'", "(x eq 'a'", "x eq 'a' y", "o'brien eq 'a'", '']) {
      expect(() => parseFilter(bad), bad).toThrow(
        expect.objectContaining({ status: 400, code: 'BadRequest' }),
      );
    }
  });
});

describe('$filter fidelity through the Graph client', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(labScenario({ users: [JOHN, SYNCED, OBRIEN], deletedUsers: [DELETED] }));
  });
  afterAll(() => lab.close());

  const list = (path: string, filter: string, extra = '') =>
    lab.client.api(`${path}?$filter=${encodeURIComponent(filter)}&$select=id${extra}`);
  const ids = async (path: string, filter: string): Promise<string[]> =>
    ((await list(path, filter).get()) as { value: { id: string }[] }).value.map((u) => u.id);

  it('accepts the basic filters without advanced-query headers', async () => {
    expect(await ids('/users', "userPrincipalName eq 'JOHN.DOE@contoso.com'")).toEqual([JOHN.id]);
    expect(await ids('/users', "mail eq 'synced.user@contoso.com'")).toEqual([SYNCED.id]);
    expect(await ids('/users', `onPremisesImmutableId eq '${JOHN.onPremisesImmutableId}'`)).toEqual([
      JOHN.id,
    ]);
    expect(await ids('/users', "mailNickname eq 'jdoe'")).toEqual([JOHN.id]);
    expect(await ids('/users', 'onPremisesSyncEnabled eq true')).toEqual([SYNCED.id]);
    expect(await ids('/users', `id eq '${SYNCED.id}' or id eq '${JOHN.id}'`)).toEqual([JOHN.id, SYNCED.id]);
    expect(await ids('/users', "startsWith(userPrincipalName,'synced')")).toEqual([SYNCED.id]);
  });

  it('compares proxy addresses case-insensitively, prefix included', async () => {
    expect(await ids('/users', "proxyAddresses/any(p:p eq 'smtp:JDOE@contoso.com')")).toEqual([JOHN.id]);
    expect(await ids('/users', "proxyAddresses/any(p:p eq 'SMTP:jdoe@contoso.com')")).toEqual([JOHN.id]);
  });

  it('compares the immutableId case-sensitively (base64)', async () => {
    expect(
      await ids('/users', `onPremisesImmutableId eq '${JOHN.onPremisesImmutableId.toLowerCase()}'`),
    ).toEqual([]);
  });

  it('finds a value with a doubled quote, and rejects a lone one', async () => {
    expect(await ids('/users', "userPrincipalName eq 'o''brien@contoso.com'")).toEqual([OBRIEN.id]);
    const err = await graphErrorOf(list('/users', "userPrincipalName eq 'o'brien@contoso.com'").get());
    expect(err.statusCode).toBe(400);
  });

  it.each([
    ["userPrincipalName ne 'john.doe@contoso.com'", "Operator 'ne'"],
    ["not(userPrincipalName eq 'john.doe@contoso.com')", "Operator 'not'"],
    ["endsWith(userPrincipalName,'@contoso.com')", "Operator 'endsWith'"],
    ['onPremisesImmutableId eq null', 'onPremisesImmutableId'],
  ])('rejects %s without ConsistencyLevel: eventual and $count=true', async (filter, text) => {
    const err = await graphErrorOf(list('/users', filter).get());
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('Request_UnsupportedQuery');
    expect(err.message).toContain(text);
  });

  it('ignores $count=true without the header (as Graph does), and refuses the header without $count', async () => {
    const basic = (await list('/users', "mail eq 'john.doe@contoso.com'", '&$count=true').get()) as {
      value: unknown[];
      '@odata.count'?: number;
    };
    expect(basic.value).toHaveLength(1);
    expect(basic['@odata.count']).toBeUndefined();
    // Still a basic query: endsWith stays refused with $count=true alone.
    const err = await graphErrorOf(
      list('/users', "endsWith(userPrincipalName,'@contoso.com')", '&$count=true').get(),
    );
    expect(err.code).toBe('Request_UnsupportedQuery');
    const half = await graphErrorOf(
      list('/users', "endsWith(userPrincipalName,'@contoso.com')")
        .header('ConsistencyLevel', 'eventual')
        .get(),
    );
    expect(half.code).toBe('Request_UnsupportedQuery');
  });

  it('supports ne, not, endsWith and eq null as advanced queries, with @odata.count', async () => {
    const adv = (filter: string) =>
      list('/users', filter, '&$count=true').header('ConsistencyLevel', 'eventual').get() as Promise<{
        value: { id: string }[];
        '@odata.count': number;
      }>;
    const ends = await adv("endsWith(userPrincipalName,'.user@contoso.com')");
    expect(ends.value.map((u) => u.id)).toEqual([SYNCED.id]);
    expect(ends['@odata.count']).toBe(1);
    expect((await adv('onPremisesImmutableId eq null')).value.map((u) => u.id)).toEqual([OBRIEN.id]);
    expect((await adv('not(onPremisesSyncEnabled eq true)')).value).toHaveLength(2);
    expect((await adv("mailNickname ne 'jdoe'")).value.map((u) => u.id)).toEqual([SYNCED.id, OBRIEN.id]);
  });

  it('finds a deleted user by the end of its rewritten UPN (advanced query only)', async () => {
    const path = '/directory/deletedItems/microsoft.graph.user';
    const filter = "endsWith(userPrincipalName,'megan.bowen@contoso.com')";
    const found = await list(path, filter, ',userPrincipalName&$count=true')
      .header('ConsistencyLevel', 'eventual')
      .get();
    expect(found.value).toEqual([
      { id: DELETED.id, userPrincipalName: `20616a37f96a4b18adc4824e64b59f0b${DELETED.userPrincipalName}` },
    ]);
    expect(await ids(path, "userPrincipalName eq 'megan.bowen@contoso.com'")).toEqual([]);
    expect(await ids(path, `onPremisesImmutableId eq '${DELETED.onPremisesImmutableId}'`)).toEqual([
      DELETED.id,
    ]);
    expect(await ids(path, "proxyAddresses/any(p:p eq 'smtp:megan.bowen@contoso.com')")).toEqual([
      DELETED.id,
    ]);
    const err = await graphErrorOf(list(path, filter).get());
    expect(err.code).toBe('Request_UnsupportedQuery');
  });

  it('needs the type cast on the recycle bin', async () => {
    const err = await graphErrorOf(lab.client.api('/directory/deletedItems').get());
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('Request_UnsupportedQuery');
    expect(err.message).toBe(
      'Searches against this resource are not supported. Only specific instances can be queried.',
    );
  });

  it.each(['onPremisesSamAccountName', 'mobilePhone', 'officeLocation'])(
    'accepts %s eq only as an advanced query',
    async (property) => {
      const err = await graphErrorOf(list('/users', `${property} eq 'x'`).get());
      expect(err.code).toBe('Request_UnsupportedQuery');
      const ok = (await list('/users', `${property} eq 'x'`, '&$count=true')
        .header('ConsistencyLevel', 'eventual')
        .get()) as { value: unknown[] };
      expect(ok.value).toEqual([]);
    },
  );

  it('rejects filters on unknown or non-filterable properties', async () => {
    const unknown = await graphErrorOf(list('/users', "immutableId eq 'x'").get());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.message).toContain("'immutableId'");
    const notFilterable = await graphErrorOf(list('/users', "onPremisesDistinguishedName eq 'CN=x'").get());
    expect(notFilterable.code).toBe('Request_UnsupportedQuery');
    const wrongType = await graphErrorOf(list('/users', "onPremisesSyncEnabled eq 'true'").get());
    expect(wrongType.statusCode).toBe(400);
  });

  it('treats + in an unencoded query as a space, as Graph does', async () => {
    const raw = await lab.client.api("/users?$filter=mail+eq+'john.doe@contoso.com'&$select=id").get();
    expect(raw.value).toEqual([{ id: JOHN.id }]);
  });
});
