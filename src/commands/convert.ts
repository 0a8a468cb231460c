// `syncmatch convert <value>`: the offline replacement for the GUID-converter web pages.
// 32 hex digits are two different identifiers (a GUID without dashes, or the stored bytes): both
// readings are shown, labelled, the GUID one first, unless --as chooses (issue 14).
import { EXIT, UsageError } from '../core/errors.js';
import {
  convertReadings,
  IdentifierError,
  type HexReading,
  type IdentifierForms,
} from '../core/identifiers.js';
import type { GlobalOptions } from './global-options.js';
import { createOutput, type Output } from './output.js';

const LABEL: Record<IdentifierForms['detected'], string> = {
  guid: 'a GUID string',
  immutableId: 'an immutableId (base64)',
  ldapFilter: 'LDAP filter bytes',
  hex: 'hex bytes in stored order (an octet string)',
  guidDigits: "a GUID string without dashes (Guid.ToString('N'))",
  spacedHex: 'hex bytes separated by spaces (ADUC)',
  byteArray: 'decimal bytes (a PowerShell byte array)',
};

export interface ConvertOptions extends GlobalOptions {
  as?: string;
}

function readingOf(as: string | undefined): HexReading | undefined {
  if (as === undefined) return undefined;
  if (as === 'guid' || as === 'bytes') return as;
  throw new UsageError(`--as ${as} is not a reading: give --as guid or --as bytes.`);
}

export function convertCommand(value: string, opts: ConvertOptions): number {
  const out = createOutput(opts);
  const as = readingOf(opts.as);
  let conversion;
  try {
    conversion = convertReadings(value, as);
  } catch (e) {
    if (e instanceof IdentifierError)
      throw new UsageError(e.message, 'syncmatch convert --help lists the forms.');
    throw e;
  }
  const data = conversion.readings.map(({ bigEndianImmutableIdWarning: _w, ...forms }) => forms);
  if (out.json) {
    // One reading: the forms as before; two: both, labelled, and the notes.
    out.json_(
      data.length === 1
        ? { ...data[0]!, ...(conversion.notes.length ? { notes: conversion.notes } : {}) }
        : { ambiguous: true, readings: data, notes: conversion.notes },
    );
    return EXIT.ok;
  }
  const blocks = conversion.readings.map((forms, i) =>
    formatForms(forms, out, conversion.readings.length > 1 ? i + 1 : 0),
  );
  out.data(blocks.join('\n\n'));
  for (const note of conversion.notes) out.status(`\n${out.paint('yellow', `Note: ${note}`)}`);
  out.status(
    `\n${out.paint(
      'dim',
      `Note: base64 of the GUID read big-endian would be ${conversion.readings[0]!.bigEndianImmutableIdWarning}; that is wrong for an immutableId.`,
    )}`,
  );
  return EXIT.ok;
}

function formatForms(forms: IdentifierForms, out: Output, reading: number): string {
  const b = (s: string) => out.paint('bold', s);
  const heading = reading
    ? `Reading ${reading}: ${LABEL[forms.detected]}`
    : `Detected:          ${LABEL[forms.detected]}`;
  return [
    heading,
    `objectGUID:        ${b(forms.guid)}`,
    `immutableId:       ${b(forms.immutableId)}`,
    `LDAP filter value: ${forms.ldapFilter}`,
    `Hex (octet string): ${forms.hex}`,
  ].join('\n');
}
