// Removes secrets from text before it is printed or logged. Every secret the tool reads is
// registered here the moment it is read, so any later message that happens to quote it (an error
// from a library, a URL with a query string) loses it. Token shapes are masked even when unknown.
// (src/app/redact.ts does the same for the journal; adapters may not import app, hence this one.)

const PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted token]'],
  [
    /\b(password|passwd|pwd|secret|client_secret|access_token|refresh_token|id_token|client_assertion|assertion)(["']?\s*[:=]\s*["']?)([^\s"'&,;]+)/gi,
    '$1$2[redacted]',
  ],
];

/** Shorter values are not scrubbed verbatim: they would mangle ordinary words. */
const MIN_SECRET = 4;

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value (and its common encodings, which libraries tend to quote). */
  add(secret: string): void {
    if (secret.length < MIN_SECRET) return;
    this.secrets.add(secret);
    this.secrets.add(encodeURIComponent(secret));
    this.secrets.add(JSON.stringify(secret).slice(1, -1));
  }

  get size(): number {
    return this.secrets.size;
  }

  /** The values known so far (for code that scrubs on its own, such as the journal's writer). */
  values(): string[] {
    return [...this.secrets];
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is removed whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** Every string inside a JSON-shaped value, redacted (for --json output). */
  redactValue<T>(value: T): T {
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.redact(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value) as T;
  }
}

/** The process's redactor: secret readers register here, printers and loggers read from it. */
export const secretRedactor = new SecretRedactor();
