// Options every command sees (commander's optsWithGlobals()).
export interface GlobalOptions {
  json?: boolean;
  /** false with --no-color. */
  color?: boolean;
  verbose?: boolean;
  /** true (no name: picker / default scenario) or a scenario name or path. */
  lab?: string | boolean;
  labLatency?: number;
  profile?: string;
  readOnly?: boolean;
  insecureTls?: boolean;
  /** --report <file>: the ticket-ready Markdown report (wizard, diagnose, fix). */
  report?: string;
  /** --force: overwrite the --report file. */
  force?: boolean;
}
