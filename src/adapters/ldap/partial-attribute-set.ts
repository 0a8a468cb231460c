// Which attributes the forest's Global Catalog holds: the schema's isMemberOfPartialAttributeSet
// on each attributeSchema object ("If TRUE, this attribute is replicated to the global catalog":
// https://learn.microsoft.com/en-us/windows/win32/adschema/a-ismemberofpartialattributeset).
// Read from the forest itself (any DC or the GC answers it: the schema is forest-wide), because
// the set differs between forests: Exchange's schema preparation adds attributes to it, and an
// administrator may add more. docs/global-catalog.md holds what the rules need and where it is.
import { AndFilter, EqualityFilter, OrFilter, type Client } from 'ldapts';

/** The attributes the rules read (map-entry.ts), as named in the schema's lDAPDisplayName. */
export const RULE_ATTRIBUTES = [
  'objectGUID',
  'userPrincipalName',
  'mail',
  'proxyAddresses',
  'mailNickname',
  'displayName',
  'sAMAccountName',
  'mS-DS-ConsistencyGuid',
  'userAccountControl',
  'isCriticalSystemObject',
] as const;

/** lower-cased lDAPDisplayName → in the partial attribute set; absent = not in this schema at all. */
export type PartialAttributeSet = Map<string, boolean>;

async function schemaNamingContext(client: Client): Promise<string> {
  const { searchEntries } = await client.search('', {
    scope: 'base',
    filter: '(objectClass=*)',
    attributes: ['schemaNamingContext'],
  });
  const value = searchEntries[0]?.['schemaNamingContext'];
  const dn = Array.isArray(value) ? value[0] : value;
  if (typeof dn !== 'string' || !dn) throw new Error('the rootDSE names no schemaNamingContext');
  return dn;
}

/** Reads isMemberOfPartialAttributeSet for each attribute from the forest's schema. */
export async function readPartialAttributeSet(
  client: Client,
  attributes: readonly string[] = RULE_ATTRIBUTES,
): Promise<PartialAttributeSet> {
  const base = await schemaNamingContext(client);
  const { searchEntries } = await client.search(base, {
    scope: 'one',
    filter: new AndFilter({
      filters: [
        new EqualityFilter({ attribute: 'objectClass', value: 'attributeSchema' }),
        new OrFilter({
          filters: attributes.map((a) => new EqualityFilter({ attribute: 'lDAPDisplayName', value: a })),
        }),
      ],
    }),
    attributes: ['lDAPDisplayName', 'isMemberOfPartialAttributeSet'],
  });
  const set: PartialAttributeSet = new Map();
  for (const entry of searchEntries) {
    const name = String(entry['lDAPDisplayName'] ?? '').toLowerCase();
    if (!name) continue;
    set.set(name, String(entry['isMemberOfPartialAttributeSet'] ?? '').toUpperCase() === 'TRUE');
  }
  return set;
}

/** Whether the Global Catalog can be searched on this attribute. */
export function inPartialAttributeSet(set: PartialAttributeSet, attribute: string): boolean {
  return set.get(attribute.toLowerCase()) === true;
}
