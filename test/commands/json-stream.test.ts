import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeJsonStreaming } from '../../src/commands/json-stream.js';

async function streamed(value: Record<string, unknown>, key: string, chunk?: number): Promise<string> {
  const s = new PassThrough();
  let text = '';
  s.on('data', (d: Buffer) => (text += d.toString('utf8')));
  await writeJsonStreaming(s, value, key, chunk);
  return text;
}

describe('writeJsonStreaming', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes, for any chunk size', async () => {
    const users = Array.from({ length: 7 }, (_, i) => ({
      dn: `CN=u${i},"x"`,
      findings: [{ code: 'A' }],
      n: i,
      nested: { a: [] },
    }));
    const value = { environment: 'lab', scope: ['OU=a'], users, cloudOnly: [], summary: { x: 1 } };
    const expected = `${JSON.stringify(value, null, 2)}\n`;
    for (const chunk of [1, 2, 3, 7, 100]) expect(await streamed(value, 'users', chunk)).toBe(expected);
    expect(await streamed({ ...value, users: [] }, 'users')).toBe(
      `${JSON.stringify({ ...value, users: [] }, null, 2)}\n`,
    );
  });
});
