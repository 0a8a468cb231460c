// Later pages come from the first page's snapshot: a bulk read sees every user once even when the
// tenant changes between its pages, and nothing is kept once the last page is served.
import { describe, expect, it } from 'vitest';
import { createLabState } from '../../src/lab/lab-state.js';
import { route } from '../../src/lab/graph-simulator/router.js';
import { generateScenario } from '../../src/lab/generator/generate.js';
import { snapshot } from '../../src/lab/graph-simulator/page-snapshots.js';
import type { SimRequest } from '../../src/lab/graph-simulator/http-types.js';

function get(path: string, query: string): SimRequest {
  return { method: 'GET', path, query: new URLSearchParams(query), headers: {}, body: undefined };
}

describe('paging over a snapshot', () => {
  it('serves every user once across pages, whatever changes between them, and keeps nothing after', () => {
    const state = createLabState(generateScenario({ users: 250, seed: 'pages' }));
    const ctx = { state, baseUrl: 'https://127.0.0.1:1/' };
    const ids: string[] = [];
    let query = '$top=100&$select=id';
    let token: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = route(get('/users', query), ctx);
      const body = res.body as { value: { id: string }[]; '@odata.nextLink'?: string };
      ids.push(...body.value.map((u) => u.id));
      // The tenant changes between pages: a user is deleted, which would shift an offset.
      if (page === 0) state.tenant.users.splice(0, 1);
      const next = body['@odata.nextLink'];
      if (!next) break;
      query = new URL(next).search.slice(1);
      token = new URLSearchParams(query).get('$skiptoken') ?? undefined;
    }
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    const s = JSON.parse(Buffer.from(token!, 'base64url').toString('utf8')) as { s: string };
    expect(snapshot(state, s.s)).toBeUndefined();
  });
});
