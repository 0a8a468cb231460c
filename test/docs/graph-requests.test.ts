// The documented-support check (issue 19): every request shape the product sends to Microsoft
// Graph — across every shipped scenario, diagnosed, scanned and fixed through the real Graph client
// against the HTTPS simulator — has a row in docs/graph-requests.md naming the Microsoft Learn page
// that supports it. A new shape without a row fails here.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/lab/graph-simulator/faults.js';
import { requestShape, type RequestShape } from '../../src/lab/graph-simulator/request-shapes.js';
import { readDocumentedRequests, undocumented } from './documented-requests.js';
import { logsOfEveryScenario } from './run-scenarios.js';

const shapes = new Map<string, { shape: RequestShape; scenario: string }>();
beforeAll(async () => {
  for (const { scenario, entries } of await logsOfEveryScenario()) {
    for (const entry of entries) {
      const shape = requestShape(entry);
      const key = JSON.stringify(shape);
      if (!shapes.has(key)) shapes.set(key, { shape, scenario });
    }
  }
}, 180_000);

const entry = (
  url: string,
  query: [string, string][],
  headers: Record<string, string> = {},
): LoggedRequest => ({
  seq: 1,
  method: 'GET',
  url,
  status: 200,
  inner: true,
  startedAt: 0,
  endedAt: 0,
  headers,
  query,
});

describe('documented Graph requests', () => {
  it('every request shape the product sent has a documented row', () => {
    const table = readDocumentedRequests();
    const problems = [...shapes.values()].flatMap(({ shape, scenario }) =>
      undocumented(shape, table).map((p) => `${p} (seen in ${scenario})`),
    );
    expect(problems).toEqual([]);
    // The runs reached the calls this issue added: group memberships, PIM, the writes.
    const paths = new Set([...shapes.values()].map(({ shape }) => `${shape.method} ${shape.path}`));
    for (const p of [
      'GET /users/{id}/transitiveMemberOf/microsoft.graph.group',
      'GET /groups/{id}/transitiveMembers/microsoft.graph.user',
      'GET /roleManagement/directory/roleEligibilitySchedules',
      'PATCH /users/{id}',
      'DELETE /directory/deletedItems/{id}',
      'POST /$batch',
    ]) {
      expect(paths).toContain(p);
    }
  });

  it('names a Microsoft Learn page in every row', () => {
    const { docs } = readDocumentedRequests();
    expect(docs.length).toBeGreaterThan(40);
    for (const doc of docs) expect(doc).toMatch(/^https:\/\/learn\.microsoft\.com\/graph\/[a-z0-9/-]+$/);
  });

  it('fails a new shape: an undocumented filter, path, property or header', () => {
    const table = readDocumentedRequests();
    const samAccount = requestShape(
      entry('/users', [
        ['$filter', "onPremisesSamAccountName eq 'jdoe'"],
        ['$select', 'id,employeeId'],
      ]),
    );
    expect(undocumented(samAccount, table)).toEqual([
      'GET /users: filter "eq onPremisesSamAccountName" has no row in "Filters"',
      'GET /users: $select employeeId has no row in "Selected properties"',
    ]);
    const memberOf = requestShape(entry('/users/0f9a3c1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b/memberOf', []));
    expect(undocumented(memberOf, table)).toEqual(['GET /users/{id}/memberOf: no row in "Paths"']);
  });

  it('fails an advanced filter sent without ConsistencyLevel: eventual and $count=true', () => {
    const table = readDocumentedRequests();
    const bare = requestShape(
      entry('/directory/deletedItems/microsoft.graph.user', [
        ['$filter', "endsWith(userPrincipalName,'jdoe@contoso.com')"],
      ]),
    );
    expect(undocumented(bare, table)).toEqual([
      'GET /directory/deletedItems/microsoft.graph.user: filter "endsWith userPrincipalName" is an advanced query but was sent without ConsistencyLevel: eventual and $count=true',
    ]);
    const sent = requestShape(
      entry(
        '/directory/deletedItems/microsoft.graph.user',
        [
          ['$filter', "endsWith(userPrincipalName,'jdoe@contoso.com')"],
          ['$count', 'true'],
        ],
        { consistencylevel: 'eventual' },
      ),
    );
    expect(undocumented(sent, table)).toEqual([]);
  });
});
