// The human-readable diagnosis report (diagnose without --json).
import { placeText, showPlace } from '../core/ad-place.js';
import type { Diagnosis } from '../core/diagnosis-types.js';
import type { Severity } from '../core/findings.js';
import type { Output } from './output.js';

const MARK: Record<Severity, string> = { error: '✗ error  ', warning: '! warning', info: 'i info   ' };

export function formatDiagnosis(d: Diagnosis, out: Pick<Output, 'paint'>, readOnly = false): string {
  const lines: string[] = [];
  const b = (s: string) => out.paint('bold', s);
  lines.push(b(`Identity: ${d.identity}`));
  if (d.onPrem) {
    const u = d.onPrem;
    lines.push('', b('On-premises (AD)'));
    lines.push(`  DN                 ${u.dn}`);
    if (showPlace(u, d.forests)) lines.push(`  domain             ${placeText(u)}`);
    lines.push(`  userPrincipalName  ${u.userPrincipalName ?? '(empty)'}`);
    lines.push(`  mail               ${u.mail ?? '(empty)'}`);
    lines.push(`  proxyAddresses     ${u.proxyAddresses.join(', ') || '(none)'}`);
    lines.push(`  objectGUID         ${u.objectGuid}`);
    lines.push(`  consistencyGuid    ${u.consistencyGuid ?? '(empty)'}`);
    lines.push(`  expected anchor    ${d.expectedImmutableId ?? '(none)'}  (from ${d.anchorSource})`);
  }
  if (d.target) {
    const t = d.target;
    const same = t.onPremisesImmutableId === d.expectedImmutableId;
    lines.push('', b('Cloud target (Entra ID)'));
    lines.push(`  userPrincipalName  ${t.userPrincipalName}  (${t.management})`);
    lines.push(`  id                 ${t.id}`);
    lines.push(
      `  immutableId        ${t.onPremisesImmutableId ?? '(none)'}  ${same ? out.paint('green', '= expected') : out.paint('red', `≠ expected ${d.expectedImmutableId}`)}`,
    );
    if (t.roles.length > 0) lines.push(`  directory roles    ${t.roles.join(', ')}`);
  }
  lines.push('', b(`Findings (${d.findings.length})`));
  for (const f of d.findings) {
    const color = f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'cyan';
    lines.push(`  ${out.paint(color, MARK[f.severity])} ${b(f.code)}`);
    lines.push(...wrap(f.message, 76).map((l) => `      ${l}`));
  }
  const plan = readOnly ? d.plan.filter((s) => !s.writes) : d.plan;
  lines.push('', b('Plan'));
  if (plan.length === 0) lines.push('  Nothing to do.');
  plan.forEach((s, i) => {
    const tag = s.writes
      ? s.reversible
        ? '[write, reversible]'
        : '[write, IRREVERSIBLE]'
      : s.action === 'MANUAL'
        ? '[manual]'
        : '';
    lines.push(`  ${i + 1}. ${s.action} ${tag}`);
    lines.push(...wrap(s.description, 74).map((l) => `       ${l}`));
    for (const ins of s.manual?.instructions ?? [])
      lines.push(...wrap(`- ${ins}`, 72).map((l) => `       ${l}`));
    // A purge: what goes for good, and restore instead or why not (issue 13 point 5).
    for (const lost of [
      ...(s.recycleBin?.lost ?? []),
      ...(s.recycleBin?.restore ? [s.recycleBin.restore] : []),
    ])
      lines.push(...wrap(`- ${lost}`, 72).map((l) => `       ${l}`));
    // A manual step's exact commands (issue 13 point 8); write steps' are in --json and --report.
    if (s.action === 'MANUAL' && s.powershell?.available) {
      lines.push('       PowerShell:');
      for (const c of s.powershell.commands) lines.push(`         ${c.script}`);
    }
  });
  if (readOnly && plan.length !== d.plan.length) lines.push('  (read-only: write steps hidden)');
  for (const alt of d.alternatives ?? []) {
    lines.push('', b('Instead'));
    lines.push(...wrap(`${alt.label}: ${alt.reason}`, 76).map((l) => `  ${l}`));
    lines.push(`  (the wizard offers it on the plan screen: ${alt.plan.map((s) => s.action).join(', ')})`);
  }
  return lines.join('\n');
}

export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
