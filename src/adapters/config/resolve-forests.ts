// A profile's forests (issue 21), checked like its single `ad` section: each forest's root domain
// by the same rules (TLS, bind identity, CA file), its Global Catalog and other domains by the TLS
// rules, and one sourceAnchor for all (one Entra Connect server uses one sourceAnchor for every
// forest it syncs: https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/plan-connect-design-concepts#sourceanchor).
// A profile with only `ad` has one forest, named from the rootDSE when it connects.
import { adTlsProblems, resolveAd } from './resolve-settings.js';
import type { ForestFile, ProfileFile } from './schema.js';
import type { AdSettings, ForestSettings, Section } from './settings-types.js';

function forestSettings(ad: AdSettings, file: ForestFile | null): ForestSettings {
  return {
    ...ad,
    name: file?.name?.toLowerCase() ?? null,
    globalCatalog: file?.globalCatalog
      ? { urls: file.globalCatalog.urls, startTls: file.globalCatalog.startTls ?? false }
      : null,
    domains: (file?.domains ?? []).map((d) => ({
      name: d.name.toLowerCase(),
      urls: d.urls,
      startTls: d.startTls ?? false,
      baseDn: d.baseDn ?? null,
    })),
  };
}

/** Every forest of the merged profile; the `ad` section, resolved, stands for a profile without `forests`. */
export function resolveForests(
  merged: ProfileFile,
  ad: Section<AdSettings>,
  insecureTls: boolean,
): Section<ForestSettings[]> {
  const files = merged.forests;
  if (!files || files.length === 0) {
    return ad.status === 'ready' ? { status: 'ready', value: [forestSettings(ad.value, null)] } : ad;
  }
  const problems: string[] = [];
  const forests: ForestSettings[] = [];
  const names = new Set<string>();
  files.forEach((file, i) => {
    const label = `Forest ${file.name ?? `#${i + 1}`} (forests[${i}])`;
    const { name: _n, globalCatalog, domains, ...adPart } = file;
    const resolved = resolveAd(adPart, insecureTls);
    // A forest without a name is named from its rootDSE when it connects.
    if (file.name && names.has(file.name.toLowerCase())) problems.push(`${label} is listed twice.`);
    else if (file.name) names.add(file.name.toLowerCase());
    if (resolved.status !== 'ready') problems.push(...resolved.problems.map((p) => `${label}: ${p}`));
    if (globalCatalog) {
      problems.push(
        ...adTlsProblems(globalCatalog.urls, globalCatalog.startTls ?? false).map(
          (p) => `${label}, Global Catalog: ${p}`,
        ),
      );
    }
    for (const d of domains ?? []) {
      problems.push(
        ...adTlsProblems(d.urls, d.startTls ?? false).map((p) => `${label}, domain ${d.name}: ${p}`),
      );
    }
    if (resolved.status === 'ready') forests.push(forestSettings(resolved.value, file));
  });
  if (merged.ad && Object.keys(merged.ad).some((k) => !k.endsWith('From'))) {
    problems.push(
      'The profile has both "ad" and "forests": move the "ad" settings into "forests" (one entry per forest).',
    );
  }
  const anchors = new Set(forests.map((f) => f.anchorAttribute.toLowerCase()));
  if (anchors.size > 1) {
    problems.push(
      `The forests use different anchor attributes (${[...new Set(forests.map((f) => f.anchorAttribute))].join(', ')}); one Entra Connect server uses one sourceAnchor for every forest it syncs.`,
    );
  }
  return problems.length > 0 ? { status: 'invalid', problems } : { status: 'ready', value: forests };
}
