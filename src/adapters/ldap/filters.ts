// LDAP filters as ldapts filter objects, never strings: every value travels as its own BER octet
// string, so nothing a technician types can change the filter's shape. GUIDs go as raw bytes; a
// `\xx` string filter is re-encoded by ldapts and silently matches nothing (notes/samba-ad.md).
import { AndFilter, EqualityFilter, type Filter, NotFilter, OrFilter } from 'ldapts';
import type { IdentityQuery } from '../../core/identity-input.js';
import { expectedAnchor } from '../../core/anchor.js';
import { guidToBytes } from '../../core/identifiers.js';
import { userAddresses } from '../../core/proxy-addresses.js';
import type { OnPremObject } from '../../core/snapshot.js';
import type { AnchorKind } from './options.js';

function eq(attribute: string, value: string | Uint8Array): EqualityFilter {
  return new EqualityFilter({
    attribute,
    value: typeof value === 'string' ? value : Buffer.from(value),
  });
}

function or(filters: Filter[]): Filter {
  return filters.length === 1 ? filters[0]! : new OrFilter({ filters });
}

/** People that are users (computers are objectClass=user too, with objectCategory=computer). */
export function userFilter(): Filter {
  return new AndFilter({ filters: [eq('objectCategory', 'person'), eq('objectClass', 'user')] });
}

/** Users, groups and contacts: the objects that can hold a mail value. */
export function recipientFilter(): Filter {
  return new OrFilter({ filters: [userFilter(), eq('objectClass', 'group'), eq('objectClass', 'contact')] });
}

/** One attribute = value comparison; the filters below are ORs of these (the Global Catalog
 *  search of a forest splits them by whether the GC holds the attribute: forest-directory.ts). */
export interface Term {
  attribute: string;
  value: string | Uint8Array;
}

const term = (attribute: string, value: string | Uint8Array): Term => ({ attribute, value });

/** An OR of the terms (one term stays itself). */
export function termsFilter(terms: readonly Term[]): Filter {
  return or(terms.map((t) => eq(t.attribute, t.value)));
}

/** AD compares these case-insensitively, so one form of each value is enough. */
function addressTerms(address: string): Term[] {
  return [
    term('userPrincipalName', address),
    term('mail', address),
    term('proxyAddresses', `smtp:${address}`),
  ];
}

/** The value comparisons for one identity (null for a DN: that is a base-scope read). */
export function identityValueTerms(query: IdentityQuery, anchor: AnchorKind): Term[] | null {
  switch (query.kind) {
    case 'objectGuid':
    case 'immutableId': {
      const parts: Term[] = [];
      if (query.bytes.length === 16) {
        parts.push(term('objectGUID', query.bytes));
        if (anchor.kind === 'consistencyGuid') parts.push(term(anchor.attribute, query.bytes));
      }
      // A string anchor (e.g. employeeID) becomes the immutableId as it is.
      if (anchor.kind === 'custom' && query.kind === 'immutableId') {
        parts.push(term(anchor.attribute, query.immutableId));
      }
      return parts;
    }
    case 'address':
      return addressTerms(query.address);
    case 'sAMAccountName': {
      const parts: Term[] = [term('sAMAccountName', query.sam)];
      // A string anchor value (E12345) parses as a sAMAccountName: look in the anchor too.
      if (anchor.kind === 'custom') parts.push(term(anchor.attribute, query.sam));
      return parts;
    }
    case 'dn':
      return null;
  }
}

/** The value part of the filter for one identity (null for a DN: that is a base-scope read). */
export function identityValueFilter(query: IdentityQuery, anchor: AnchorKind): Filter | null {
  const terms = identityValueTerms(query, anchor);
  return terms ? termsFilter(terms) : null;
}

/** One filter for every user the identity names. */
export function identityFilter(query: IdentityQuery, anchor: AnchorKind): Filter {
  const value = identityValueFilter(query, anchor);
  return value ? new AndFilter({ filters: [userFilter(), value] }) : userFilter();
}

/**
 * Objects that may export the same sourceAnchor as `user` (AD_DUPLICATE_ANCHOR): with
 * mS-DS-ConsistencyGuid, any object whose consistency GUID or objectGUID is the anchor's GUID, as
 * raw bytes (the objectGUID fallback makes both count); with a custom attribute, its value. The core
 * keeps only those whose own anchor resolves to the same value.
 */
export function anchorTerms(user: OnPremObject, anchor: AnchorKind): Term[] {
  if (anchor.kind === 'objectGuid') return []; // objectGUID is unique in a forest
  const expected = expectedAnchor(user, anchor.attribute);
  if (anchor.kind === 'custom') {
    const v = user.customAnchorValue?.trim();
    return v ? [term(anchor.attribute, v)] : [];
  }
  if (!expected.guid) return [];
  const bytes = guidToBytes(expected.guid);
  return [term('mS-DS-ConsistencyGuid', bytes), term('objectGUID', bytes)];
}

/** anchorTerms as filters. */
export function anchorFilters(user: OnPremObject, anchor: AnchorKind): Filter[] {
  return anchorTerms(user, anchor).map((t) => eq(t.attribute, t.value));
}

/**
 * Other users, groups and contacts holding any of the user's values in any of the three address
 * attributes (a UPN equal to another object's proxy counts), or its mailNickname, or (given the
 * anchor) that may export the same sourceAnchor.
 * null when the user has no such value (nothing to search).
 */
export function relatedFilter(user: OnPremObject, anchor?: AnchorKind): Filter | null {
  return relatedFilterOf(user, relatedTerms(user, anchor));
}

/** The comparisons relatedFilter ORs together. */
export function relatedTerms(user: OnPremObject, anchor?: AnchorKind): Term[] {
  const values: Term[] = userAddresses(user).flatMap(addressTerms);
  if (user.mailNickname?.trim()) values.push(term('mailNickname', user.mailNickname.trim()));
  if (anchor) values.push(...anchorTerms(user, anchor));
  return values;
}

/** Users, groups and contacts other than `user` matching any of `terms`; null for no terms. */
export function relatedFilterOf(user: OnPremObject, terms: readonly Term[]): Filter | null {
  if (terms.length === 0) return null;
  return new AndFilter({
    filters: [
      recipientFilter(),
      new NotFilter({ filter: eq('objectGUID', guidToBytes(user.objectGuid)) }),
      new OrFilter({ filters: terms.map((t) => eq(t.attribute, t.value)) }),
    ],
  });
}

/** One object by its objectGUID, whatever its class. */
export function guidFilter(guid: string): Filter {
  return eq('objectGUID', guidToBytes(guid));
}
