// The lab's direct tenant reader (used by the scan benchmark) returns exactly what the Graph bulk
// reader gets through the HTTPS simulator; the AD reader pages like the LDAP adapter.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkRequests } from '../../src/adapters/graph/bulk-reader.js';
import { openLabEnvironment, type LabEnvironment } from '../../src/commands/lab-environment.js';
import { LabDirectoryBulkReader, LabTenantBulkReader } from '../../src/lab/bulk-readers.js';
import { generateScenario } from '../../src/lab/generator/generate.js';

let env: LabEnvironment;
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'syncmatch-bulk-')), 'g.json');
  // More cloud users than one page of 999: paging through @odata.nextLink is exercised.
  writeFileSync(file, JSON.stringify(generateScenario({ users: 700, seed: 'bulk', cloudUsers: 2100 })));
  env = await openLabEnvironment(file, {});
});
afterAll(async () => {
  await env?.close();
});

describe('bulk readers on the lab', () => {
  it('reads the whole tenant through Graph in pages of 999, equal to the direct read of the lab state', async () => {
    env.simulator.log.clear();
    const pages: Record<string, number> = {};
    const viaGraph = await env.bulk.tenant.readAll((p) => (pages[p.source] = (pages[p.source] ?? 0) + 1));
    expect(viaGraph.users).toHaveLength(2100);
    expect(pages['users']).toBe(3);
    expect(await new LabTenantBulkReader(env.state).readAll()).toEqual(viaGraph);
    const urls = env.simulator.log.outer().map((r) => decodeURIComponent(r.url));
    expect(urls.some((u) => u.includes(decodeURIComponent(bulkRequests().users)))).toBe(true);
    // No per-user query: the one filter lists the role-assignable groups.
    expect(urls.filter((u) => u.includes('$filter'))).toEqual([
      decodeURIComponent(bulkRequests().roleGroups),
    ]);
  });

  it('reads every AD object page by page, in directory order', async () => {
    const sizes: number[] = [];
    const all = await new LabDirectoryBulkReader(env.state, { pageSize: 300 }).readAll((p) =>
      sizes.push(p.objects),
    );
    expect(all.map((o) => o.dn)).toEqual(env.state.ad.objects.map((o) => o.dn));
    expect(sizes.slice(0, -1).every((n) => n === 300)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(all.length);
  });

  it('stops between pages when cancelled', async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(new LabDirectoryBulkReader(env.state).readAll(undefined, stop.signal)).rejects.toThrow();
    await expect(env.bulk.tenant.readAll(undefined, stop.signal)).rejects.toThrow();
  });
});
