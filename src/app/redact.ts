// Secrets never enter the journal or the screen. Error text from a tenant adapter is the one free
// text that crosses into the journal, and an HTTP library may quote a header or a URL in it; so
// tokens and key=value secrets are masked, and any secret the caller knows is removed verbatim.

const PATTERNS: [RegExp, string][] = [
  [
    /\b(authorization["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic|Negotiate|NTLM)\s+)?[^\s"'&,;]+/gi,
    '$1[redacted]',
  ],
  [/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted token]'],
  [
    /\b(password|passwd|pwd|secret|client_secret|clientsecret|access_token|refresh_token|id_token|token|assertion|client_assertion|apikey|api_key)(["']?\s*[:=]\s*["']?)([^\s"'&,;]+)/gi,
    '$1$2[redacted]',
  ],
];

/** Secrets shorter than this are not scrubbed verbatim: they would mangle ordinary words. */
const MIN_SECRET = 4;

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Removes known secrets from every string inside a JSON-shaped value (directory data). */
export function scrubKnownSecrets<T>(value: T, secrets: readonly string[]): T {
  const usable = secrets.filter((s) => s.length >= MIN_SECRET);
  if (usable.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return usable.reduce((s, secret) => s.split(secret).join('[redacted]'), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
