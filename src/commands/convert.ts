// `syncmatch convert <value>`: the offline replacement for the GUID-converter web pages.
import { EXIT, UsageError } from '../core/errors.js';
import { convertIdentifier, IdentifierError } from '../core/identifiers.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput } from './output.js';

const LABEL: Record<string, string> = {
  guid: 'a GUID string',
  immutableId: 'an immutableId (base64)',
  ldapFilter: 'LDAP filter bytes',
  hex: 'hex bytes',
};

export function convertCommand(value: string, opts: GlobalOptions): number {
  const out = createOutput(opts);
  let forms;
  try {
    forms = convertIdentifier(value);
  } catch (e) {
    if (e instanceof IdentifierError)
      throw new UsageError(e.message, 'syncmatch convert --help lists the forms.');
    throw e;
  }
  const { bigEndianImmutableIdWarning, ...data } = forms;
  if (out.json) {
    out.json_(data);
    return EXIT.ok;
  }
  const b = (s: string) => out.paint('bold', s);
  out.data(
    [
      `Detected:          ${LABEL[forms.detected]}`,
      `objectGUID:        ${b(forms.guid)}`,
      `immutableId:       ${b(forms.immutableId)}`,
      `LDAP filter value: ${forms.ldapFilter}`,
      `Hex (octet string): ${forms.hex}`,
    ].join('\n'),
  );
  out.status(
    out.paint(
      'dim',
      `Note: base64 of the GUID read big-endian would be ${bigEndianImmutableIdWarning}; that is wrong for an immutableId.`,
    ),
  );
  return EXIT.ok;
}
