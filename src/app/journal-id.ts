// Journal entry ids: short enough to type from the list, sortable by time, unique in practice
// (UTC second + 4 random characters from an alphabet without i, l, o, u).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newJournalId(now: Date): string {
  const iso = now.toISOString(); // 2026-01-14T09:30:12.345Z
  const stamp = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  const bytes = new Uint8Array(4);
  globalThis.crypto.getRandomValues(bytes);
  const suffix = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${stamp}-${suffix}`;
}
