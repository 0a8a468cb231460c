// PowerShell wrapped for a narrow screen must still be the same command when copied: every break
// is a backtick line continuation outside quotes, and tree-sitter-powershell's grammar reads the
// wrapped block with the same structure and the same string values as the one-line command.
import { describe, expect, it } from 'vitest';
import {
  adMove,
  adReplace,
  exportDeleted,
  giveRoleBack,
  purgeDeleted,
  setImmutableId,
} from '../../src/core/powershell/commands.js';
import { powerShellWords, wrapPowerShell } from '../../src/ui/wrap-powershell.js';
import { parsePowerShell } from '../core/powershell/ps-grammar.js';

const GUID = '02f643e0-bf1a-480b-842f-7623947fcbfa';
const COMMANDS = [
  setImmutableId(GUID, 'qve6k1vVU0KDlKV3EsPkZg=='),
  exportDeleted(GUID),
  purgeDeleted(GUID),
  adReplace(GUID, 'displayName', "O'Brien, Jane (Sales) ‘quoted’"),
  adMove(GUID, 'OU=Staff Members,OU=Sales,DC=corp,DC=contoso,DC=com', 'Move into the sync scope'),
  giveRoleBack(GUID, 'Global Administrator'),
];

/** The parse without the layout: node types and decoded strings. */
async function meaning(script: string) {
  const p = await parsePowerShell(script);
  return { ok: p.ok, shape: p.shape, strings: p.strings };
}

describe('wrapPowerShell', () => {
  it('splits words at spaces outside quotes only', () => {
    expect(powerShellWords(`Set-ADUser -Identity 'a b' -Replace @{displayName='O''Brien x'}`)).toEqual([
      'Set-ADUser',
      '-Identity',
      "'a b'",
      '-Replace',
      "@{displayName='O''Brien x'}",
    ]);
    expect(powerShellWords('Write-Host "a `" b" `$x` y')).toEqual(['Write-Host', '"a `" b"', '`$x` y']);
  });

  for (const width of [40, 56, 76]) {
    it(`at ${width} columns: lines fit, breaks are continuations, the command parses the same`, async () => {
      let continued = 0;
      for (const c of COMMANDS) {
        const { lines, wide } = wrapPowerShell(c.script, width);
        if (!wide && lines.length > c.script.split('\n').length) continued += 1;
        const wrapped = lines.join('\n');
        if (!wide) {
          for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width);
          const one = await meaning(c.script);
          const two = await meaning(wrapped);
          expect(two.ok, wrapped).toBe(true);
          expect(two.strings).toEqual(one.strings);
          // The same nodes; only the white space between arguments differs.
          const layoutFree = (shape: string[]) => shape.filter((t) => t.trim() !== '' && !/^ *`\s*$/.test(t));
          expect(layoutFree(two.shape)).toEqual(layoutFree(one.shape));
        }
        // Copying the block and removing the continuations gives the command back.
        if (!wide) expect(wrapped.replace(/ `\n {4}/g, ' ')).toBe(c.script.replace(/ +/g, ' '));
      }
      // The case that matters was met: commands continued over several lines.
      if (width >= 56) expect(continued).toBeGreaterThan(0);
    });
  }

  it('says when a single word is wider than the line (a long URL), breaking it after a separator', () => {
    const { lines, wide } = wrapPowerShell(purgeDeleted(GUID).script, 50);
    expect(wide).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
  });
});
