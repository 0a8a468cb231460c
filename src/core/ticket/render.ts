// The ticket as plain text (terminal, `fix` output) and as Markdown (`--report <file>`, pasted into
// a ticket system). Directory values are shown with visibleText (no control characters); in
// Markdown they are escaped so a value cannot become a heading, a link, a table column or HTML.
import { visibleText } from '../display-text.js';
import { MODULE_WHERE, type PowerShellEquivalent } from '../powershell/types.js';
import type { Ticket, TicketWrite } from './ticket.js';

const show = (v: string | null) => (v === null ? '(none)' : visibleText(v));

function undoLine(w: TicketWrite): string {
  const id = w.journalId ? `journal ${w.journalId}` : 'not journalled';
  return w.undoCommand ? `${id}; undo: ${w.undoCommand} (${w.undoNote})` : `${id}; ${w.undoNote}`;
}

function commandsText(eq: PowerShellEquivalent | null, indent: string): string[] {
  if (!eq) return [];
  if (!eq.available) return [`${indent}PowerShell: ${visibleText(eq.reason)}`];
  return [
    ...eq.commands.flatMap((c) => [
      `${indent}# ${visibleText(c.purpose)} (${MODULE_WHERE[c.module]})`,
      `${indent}${visibleText(c.script)}`,
    ]),
    ...(eq.note ? [`${indent}# ${visibleText(eq.note)}`] : []),
  ];
}

export function ticketText(t: Ticket): string {
  const out: string[] = [`Ticket summary (${visibleText(t.environment)}, ${t.at})`, `  ${t.verdict}`];
  if (t.adObject) {
    out.push('AD object', `  DN          ${show(t.adObject.dn)}`, `  objectGUID  ${t.adObject.objectGuid}`);
    if (t.adObject.domain) out.push(`  domain      ${show(t.adObject.domain)}`);
    out.push(`  UPN         ${show(t.adObject.userPrincipalName)}`);
    out.push(`  anchor      ${show(t.adObject.anchor)} (from ${show(t.adObject.anchorSource)})`);
  }
  if (t.cloudObject) {
    out.push('Cloud object', `  id          ${t.cloudObject.id}`);
    out.push(`  UPN         ${show(t.cloudObject.userPrincipalName)} (${t.cloudObject.management})`);
    out.push(`  immutableId ${show(t.cloudObject.immutableId)}`);
  }
  out.push('Findings');
  for (const f of t.findings) out.push(`  ${f.severity.padEnd(7)} ${f.code}: ${visibleText(f.message)}`);
  if (t.findings.length === 0) out.push('  none');
  out.push('Writes');
  if (t.writes.length === 0) out.push('  Nothing was written.');
  for (const w of t.writes) {
    out.push(`  ${w.status.padEnd(7)} ${w.action}: ${w.property ?? ''} ${show(w.before)} → ${show(w.after)}`);
    out.push(`          ${undoLine(w)}`);
  }
  if (t.pending.length > 0) {
    out.push('Still to do');
    t.pending.forEach((p, i) => {
      out.push(`  ${i + 1}. ${p.action}: ${visibleText(p.description)}`);
      for (const ins of p.instructions) out.push(`     - ${visibleText(ins)}`);
      out.push(...commandsText(p.powershell, '     '));
    });
  }
  if (t.rolesToGiveBack.length > 0)
    out.push(`Roles to give back: ${t.rolesToGiveBack.map(visibleText).join(', ')}`);
  out.push('Tell the user', ...t.tellTheUser.map((l) => `  ${visibleText(l)}`));
  out.push(`Journal: ${visibleText(t.journalPath)}`);
  return out.join('\n');
}

/** Text inside a Markdown paragraph or table cell: no markup, no HTML, no line break, no control. */
export function mdText(v: string | null): string {
  if (v === null) return '*(none)*';
  return visibleText(v)
    .replace(/\n/g, ' ')
    .replace(/[\\`*_[\]|<>~&]/g, (c) => `\\${c}`);
}

/**
 * Code: inline with a backtick run longer than any inside; no control characters; | escaped, as
 * GitHub-flavoured Markdown needs even inside code in a table cell.
 */
function mdCode(v: string | null): string {
  if (v === null) return '*(none)*';
  const text = visibleText(v).replace(/\n/g, '\\n').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function codeBlock(lines: string[], lang = 'powershell'): string[] {
  const text = lines.map((l) => visibleText(l));
  const longest = Math.max(2, ...text.flatMap((l) => [...l.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${lang}`, ...text, fence];
}

function mdCommands(eq: PowerShellEquivalent | null): string[] {
  if (!eq) return [];
  if (!eq.available) return [`PowerShell: ${mdText(eq.reason)}`, ''];
  return [
    ...codeBlock([
      ...eq.commands.flatMap((c) => [`# ${c.purpose} (${MODULE_WHERE[c.module]})`, c.script]),
      ...(eq.note ? [`# ${eq.note}`] : []),
    ]),
    '',
  ];
}

export function ticketMarkdown(t: Ticket): string {
  const out: string[] = [`# syncmatch: ${mdText(t.identity)}`, ''];
  out.push(`**${mdText(t.verdict)}**`, '', `Environment: ${mdText(t.environment)} · ${mdText(t.at)}`, '');
  out.push('## Objects', '', '| | AD | Entra ID |', '| --- | --- | --- |');
  const a = t.adObject;
  const c = t.cloudObject;
  out.push(`| id | ${a ? mdCode(a.objectGuid) : ''} | ${c ? mdCode(c.id) : ''} |`);
  out.push(`| name | ${a ? mdCode(a.dn) : ''} | ${c ? mdCode(c.userPrincipalName) : ''} |`);
  if (a?.domain) out.push(`| domain | ${mdCode(a.domain)} | |`);
  out.push(
    `| UPN | ${a ? mdCode(a.userPrincipalName) : ''} | ${c ? `${mdCode(c.userPrincipalName)} (${c.management})` : ''} |`,
  );
  out.push(
    `| anchor / immutableId | ${a ? `${mdCode(a.anchor)} (${mdText(a.anchorSource)})` : ''} | ${c ? mdCode(c.immutableId) : ''} |`,
  );
  out.push('', '## Findings', '');
  if (t.findings.length === 0) out.push('None.');
  else {
    out.push('| severity | code | what |', '| --- | --- | --- |');
    for (const f of t.findings) out.push(`| ${f.severity} | ${mdCode(f.code)} | ${mdText(f.message)} |`);
  }
  out.push('', '## Changes', '');
  if (t.writes.length === 0) out.push('Nothing was written.');
  else {
    out.push(
      '| step | result | property | before | after | journal | undo |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const w of t.writes) {
      const undo = w.undoCommand ? `${mdCode(w.undoCommand)} (${mdText(w.undoNote)})` : mdText(w.undoNote);
      out.push(
        `| ${mdCode(w.action)} | ${w.status} | ${mdText(w.property)} | ${mdCode(w.before)} | ${mdCode(w.after)} | ${w.journalId ? mdCode(w.journalId) : '—'} | ${undo} |`,
      );
    }
  }
  const recorded = t.writes.filter((w) => w.status === 'done' && w.powershell?.available);
  if (recorded.length > 0) {
    out.push('', '### The same changes in PowerShell (for the change record)', '');
    for (const w of recorded) out.push(...mdCommands(w.powershell));
  }
  if (t.stillWrong.length > 0) out.push('', `Still wrong: ${t.stillWrong.map(mdCode).join(', ')}`);
  if (t.pending.length > 0) {
    out.push('', '## Still to do', '');
    t.pending.forEach((p, i) => {
      out.push(`${i + 1}. **${mdCode(p.action)}**: ${mdText(p.description)}`, '');
      for (const ins of p.instructions) out.push(`   - ${mdText(ins)}`);
      if (p.instructions.length > 0) out.push('');
      out.push(...mdCommands(p.powershell));
    });
  }
  if (t.rolesToGiveBack.length > 0) {
    out.push('', '## Roles to give back', '', ...t.rolesToGiveBack.map((r) => `- ${mdText(r)}`));
  }
  out.push('', '## Tell the user', '', ...t.tellTheUser.map((l) => `- ${mdText(l)}`), '');
  out.push(`Journal: ${mdCode(t.journalPath)}`, '');
  return out.join('\n');
}
