// Where an AD object lives (issue 21), for screens and reports: its domain and forest. JSON always
// carries both (OnPremObject.forest/domain); screens show them only where they tell something:
// when more than one forest is configured, or when the object is not in its forest's root domain
// (a child domain). A single-domain directory looks exactly as before.
import type { OnPremObject } from './snapshot.js';

type Placed = Pick<OnPremObject, 'forest' | 'domain'>;

/** True when `o`'s place is worth a line: several forests, or a child domain. */
export function showPlace(o: Placed, forests: readonly string[] | undefined): boolean {
  if (!o.forest && !o.domain) return false;
  if ((forests?.length ?? 0) > 1) return true;
  return Boolean(o.domain && o.forest && o.domain.toLowerCase() !== o.forest.toLowerCase());
}

/** "child.lab.example (forest lab.example)", or just the domain when it is the forest root. */
export function placeText(o: Placed): string {
  const domain = o.domain ?? o.forest ?? '';
  if (!o.forest || o.forest.toLowerCase() === domain.toLowerCase()) return domain;
  return `${domain} (forest ${o.forest})`;
}

/** The place as evidence fields (only those the reader set). */
export function placeFields(o: Placed): { forest?: string; domain?: string } {
  return { ...(o.forest ? { forest: o.forest } : {}), ...(o.domain ? { domain: o.domain } : {}) };
}
