// Schema problems as sentences that name the bad key the way the technician wrote it: a config
// path (profiles.contoso.ad.urls[0]), an environment variable or a flag. Values are never quoted:
// the bad value could be a secret someone typed into the wrong place.
import type { z } from 'zod/v4';

export type Path = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

const SECRET_KEY = /pass(word|phrase)?|secret|token|credential|privatekey$/i;

/** profiles.contoso.ad.urls[0] */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(the whole file)';
}

export function issueSentences(issues: readonly Issue[], name: (path: Path) => string): string[] {
  return issues.flatMap((issue) => sentencesFor(issue, name));
}

function sentencesFor(issue: Issue, name: (path: Path) => string): string[] {
  const where = name(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(name([...issue.path, key]), key));
    case 'invalid_type':
      return [`${where} ${expected(issue.expected)}.`];
    case 'invalid_key':
      return [`${where} is not a valid profile name: letters, digits, ".", "_" or "-" (up to 64).`];
    case 'invalid_union':
      return [`${where} must be a command line (text) or a list of arguments.`];
    default:
      return [`${where} ${issue.message.replace(/\.$/, '')}.`];
  }
}

function unknownKey(where: string, key: string): string {
  if (SECRET_KEY.test(key) && !/From$|File$|Fingerprints$/.test(key)) {
    return (
      `${where} looks like a secret: secrets are never stored in the config. ` +
      `Remove it and say where it comes from instead (${key.replace(/^(.)/, (c) => c.toLowerCase())}From: "env:NAME", "file:/path" or "prompt").`
    );
  }
  return `${where} is not a setting syncmatch knows (a typo?).`;
}

function expected(type: string): string {
  switch (type) {
    case 'string':
      return 'must be text';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'array':
      return 'must be a list';
    case 'object':
      return 'must be a section ({ … })';
    default:
      return `must be ${type}`;
  }
}
