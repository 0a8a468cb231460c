// Values as PowerShell literals that stay data whatever they hold. A single-quoted string expands
// nothing ($, backticks, sub-expressions and ; are plain characters); inside it PowerShell's
// tokenizer treats the typographic quotes ‘ ’ ‚ ‛ exactly like ' (an unpaired one ends the string),
// so every one of the five is doubled, as PowerShell's own
// CodeGeneration.EscapeSingleQuotedStringContent does:
// https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules
// https://learn.microsoft.com/dotnet/api/system.management.automation.language.codegeneration.escapesinglequotedstringcontent
// A line feed stays inside the quotes (still one literal). Other control and invisible characters
// (ESC, CR, C1, zero-width, direction overrides) would be unreadable or dangerous on a terminal and
// in a ticket, so they are spelt [char]0xXXXX and joined to the quoted parts with +.

/** The single-quote characters of PowerShell's tokenizer. */
export const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

// C0 controls except the line feed, DEL, C1, zero-width and direction marks, bidi embeddings,
// overrides and isolates, the word joiner and the byte-order mark (the set display-text.ts escapes).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** The content of a single-quoted string: each single-quote character doubled. */
export function escapeSingleQuoted(text: string): string {
  return text.replace(SINGLE_QUOTES, (q) => q + q);
}

/** `value` as one PowerShell expression that evaluates to exactly `value`. */
export function psString(value: string): string {
  const parts: string[] = [];
  let run = '';
  for (const c of value) {
    if (UNSAFE.test(c)) {
      if (run) parts.push(`'${escapeSingleQuoted(run)}'`);
      run = '';
      parts.push(`[char]0x${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    } else run += c;
  }
  if (run || parts.length === 0) parts.push(`'${escapeSingleQuoted(run)}'`);
  if (parts.length === 1) return parts[0]!;
  // A leading '' makes + a string concatenation even when the value starts with a [char].
  return `(${parts[0]!.startsWith("'") ? '' : "'' + "}${parts.join(' + ')})`;
}

/** An OData string literal for a $filter: ' doubled (the OData ABNF's SQUOTE-in-string). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A value inside an LDAP filter (RFC 4515 §3: *, (, ), \ and NUL as \XX). */
export function ldapFilterValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[*()\\\u0000]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A Graph v1.0 URL with each path segment percent-encoded. */
export function graphUrl(...segments: string[]): string {
  return `https://graph.microsoft.com/v1.0/${segments.map(encodeURIComponent).join('/')}`;
}
