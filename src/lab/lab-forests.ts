// Where each lab AD object lives (issue 21): a scenario's `ad.forests` lists forests and their
// domains; an object lives in the domain its DN names (its DC= parts, as in AD:
// https://learn.microsoft.com/en-us/windows/win32/ad/naming-contexts-and-partitions) and so in the
// forest holding that domain. Without `forests`, the scenario is one forest named `ad.domain`.
// Migration order: a forest with role 'target' is the one users move into; without roles, the
// forest listed last is the newer one (the target).
import { dnsDomainOfDn } from '../core/dn-domain.js';
import type { ScenarioForest } from './scenario-schema.js';

export interface LabForest {
  /** The forest root domain's DNS name (lower case). */
  name: string;
  /** Its domains' DNS names (lower case), the root first. */
  domains: string[];
  role: 'source' | 'target' | null;
  /** No `ad.forests` in the scenario: the one forest holds every DN. */
  implicit?: boolean;
}

/** What the layout needs of `LabState.ad` or `Scenario.ad`. */
export interface LabAdLayout {
  domain: string;
  forests?: ScenarioForest[] | undefined;
}

export function labForests(ad: LabAdLayout): LabForest[] {
  if (!ad.forests || ad.forests.length === 0) {
    const name = ad.domain.trim().toLowerCase();
    return [{ name, domains: [name], role: null, implicit: true }];
  }
  return ad.forests.map((f) => {
    const name = f.name.trim().toLowerCase();
    const domains = (f.domains ?? []).map((d) => d.trim().toLowerCase());
    return { name, domains: domains.includes(name) ? domains : [name, ...domains], role: f.role ?? null };
  });
}

/** More than one forest or domain: screens show each object's forest and domain. */
export function isMultiDomain(forests: readonly LabForest[]): boolean {
  return forests.length > 1 || forests.some((f) => f.domains.length > 1);
}

/** The migration's target forest: the one with role 'target', else the one listed last. */
export function targetForest(forests: readonly LabForest[]): string {
  return (forests.find((f) => f.role === 'target') ?? forests[forests.length - 1]!).name;
}

/** Forest names, oldest first, the target last (SyncSettings.forests). */
export function forestOrder(forests: readonly LabForest[]): string[] {
  const target = targetForest(forests);
  return [...forests.map((f) => f.name).filter((n) => n !== target), target];
}

/**
 * The forest and domain of a DN. A single-forest scenario puts everything in its one forest (the
 * domain still comes from the DN); in a multi-forest one, a DN outside every configured domain is
 * refused by the loader, so `null` here only means "not a DN".
 */
export function locateDn(
  forests: readonly LabForest[],
  dn: string,
): { forest: string; domain: string } | null {
  const domain = dnsDomainOfDn(dn);
  if (forests.length === 1 && forests[0]!.implicit) {
    return { forest: forests[0]!.name, domain: domain ?? forests[0]!.name };
  }
  if (!domain) return null;
  const forest = forests.find((f) => f.domains.includes(domain));
  return forest ? { forest: forest.name, domain } : null;
}

/** What the loader refuses in `ad.forests`: a domain twice, an object outside every domain. */
export function forestProblems(ad: LabAdLayout & { objects: { dn: string }[] }): string[] {
  if (!ad.forests) return [];
  const out: string[] = [];
  const forests = labForests(ad);
  const seen = new Map<string, string>();
  forests.forEach((f, i) =>
    f.domains.forEach((d) => {
      const first = seen.get(d);
      if (first) out.push(`$.ad.forests[${i}]: the domain ${d} is already in ${first}`);
      else seen.set(d, `$.ad.forests[${i}]`);
    }),
  );
  ad.objects.forEach((o, i) => {
    if (!locateDn(forests, o.dn)) {
      out.push(
        `$.ad.objects[${i}].dn: ${o.dn} is in no domain of ad.forests (its DC= parts name ${dnsDomainOfDn(o.dn) ?? 'none'})`,
      );
    }
  });
  return out;
}
