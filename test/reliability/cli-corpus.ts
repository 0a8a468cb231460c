// Hostile invocations of the built CLI (issue 14): flags, variables, files and config that broke
// the README's promises in a tester's 376 cases — read-only that did not hold, secrets in URLs,
// colour sequences reaching the terminal, DNs compared as strings, hangs, wrong exit codes,
// clobbered files, convert's misread inputs — each with the outcome it must have. Every entry runs
// in a workspace of its own (config folder, data folder, lab journal), through `node dist/cli.js`.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Workspace {
  dir: string;
  /** SYNCMATCH_CONFIG_DIR */
  config: string;
  /** SYNCMATCH_DATA_DIR */
  data: string;
  /** SYNCMATCH_LAB_JOURNAL */
  labJournal: string;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

export type CliClass =
  'read-only' | 'secrets' | 'terminal' | 'dn' | 'hangs' | 'exit-codes' | 'clobber' | 'convert' | 'small';

export interface CliCase {
  name: string;
  kind: CliClass;
  args: string[] | ((w: Workspace) => string[]);
  env?: Record<string, string> | ((w: Workspace) => Record<string, string>);
  /** Files the case needs, made before the run. */
  setup?: (w: Workspace) => void;
  code: number;
  /** Each must match stderr. */
  stderr?: RegExp[];
  /** Each must match stdout. */
  stdout?: RegExp[];
  /** Must appear nowhere: stdout, stderr, nor any file the run wrote or changed in the workspace. */
  secret?: string;
  /** More checks on the run and the workspace. */
  check?: (r: CliRun, w: Workspace) => void;
}

const ROOT = join(import.meta.dirname, '..', '..');
export const HOSTILE = join(ROOT, 'test', 'fixtures', 'scenarios', 'hostile-values.json');
const SHIPPED = (name: string) => join(ROOT, 'assets', 'scenarios', `${name}.json`);

export function writeConfig(w: Workspace, config: unknown): void {
  mkdirSync(w.config, { recursive: true });
  writeFileSync(join(w.config, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
}

const AUDIT = { version: 1, defaultProfile: 'audit', profiles: { audit: { readOnly: true } } };

/** The lab journal holds nothing: no write was even announced. */
function noLabWrites(_r: CliRun, w: Workspace): void {
  const text = existsSync(w.labJournal) ? readFileSync(w.labJournal, 'utf8') : '';
  if (text.trim() !== '') throw new Error(`the lab journal has entries:\n${text}`);
}

function assert(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

// --- read-only: three sources × the writing paths a command line reaches (the wizard is in tmux,
// read-only-wizard.test.ts) -------------------------------------------------------------------
const SOURCES: {
  name: string;
  args: string[];
  env?: Record<string, string>;
  setup?: (w: Workspace) => void;
  because: RegExp;
}[] = [
  { name: 'the --read-only flag', args: ['--read-only'], because: /read-only is on \(--read-only\)/ },
  {
    name: 'SYNCMATCH_READ_ONLY=1',
    args: [],
    env: { SYNCMATCH_READ_ONLY: '1' },
    because: /read-only is on \(SYNCMATCH_READ_ONLY=1\)/,
  },
  {
    name: 'the profile\'s "readOnly": true',
    args: [],
    setup: (w) => writeConfig(w, AUDIT),
    because: /read-only is on \(profile "audit" \(readOnly\)\)/,
  },
];

const WRITE_PATHS: { name: string; args: string[] }[] = [
  { name: 'fix (the wizard on a terminal)', args: ['fix', '--lab', 'stale-immutable-id', 'jdoe'] },
  { name: 'fix --yes', args: ['fix', '--lab', 'stale-immutable-id', 'jdoe', '--yes'] },
  { name: 'fix --yes --json', args: ['fix', '--lab', 'stale-immutable-id', 'jdoe', '--yes', '--json'] },
  { name: 'journal undo --yes', args: ['journal', 'undo', 'w-20260101-000000-abcd', '--yes'] },
];

const READ_ONLY: CliCase[] = SOURCES.flatMap((source) =>
  WRITE_PATHS.map((path): CliCase => ({
    name: `${source.name} stops ${path.name}`,
    kind: 'read-only',
    args: [...path.args, ...source.args],
    env: source.env,
    setup: source.setup,
    code: 2,
    stderr: [source.because, /nothing is written/],
    check: noLabWrites,
  })),
);

READ_ONLY.push(
  {
    name: 'any one source turns it on: SYNCMATCH_READ_ONLY=0 does not undo the profile',
    kind: 'read-only',
    args: ['fix', '--lab', 'stale-immutable-id', 'jdoe', '--yes'],
    env: { SYNCMATCH_READ_ONLY: '0' },
    setup: (w) => writeConfig(w, AUDIT),
    code: 2,
    stderr: [/profile "audit"/],
    check: noLabWrites,
  },
  {
    name: 'an unreadable SYNCMATCH_READ_ONLY is refused, not read as off',
    kind: 'read-only',
    args: ['fix', '--lab', 'stale-immutable-id', 'jdoe', '--yes'],
    env: { SYNCMATCH_READ_ONLY: 'maybe' },
    code: 2,
    stderr: [/SYNCMATCH_READ_ONLY must be 1\/true\/yes\/on or 0\/false\/no\/off/],
    check: noLabWrites,
  },
  {
    name: 'diagnose under a read-only profile hides the write steps',
    kind: 'read-only',
    args: ['diagnose', '--lab', 'stale-immutable-id', 'jdoe', '--json'],
    setup: (w) => writeConfig(w, AUDIT),
    code: 3,
    check: (r) => {
      const d = JSON.parse(r.stdout) as { plan: { writes: boolean }[] };
      assert(d.plan.length > 0 && d.plan.every((s) => !s.writes), `write steps shown: ${r.stdout}`);
    },
  },
);

// --- secrets in server addresses, and every message through the redactor ----------------------
const PW = 'Hunter2-Secret-i14';

const SECRETS: CliCase[] = [
  {
    name: 'setup refuses a password inside --ad-url and says where it goes',
    kind: 'secrets',
    args: [
      'setup',
      '--profile',
      'x',
      '--ad-url',
      `ldaps://svc:${PW}@dc01.contoso.com`,
      '--bind',
      'svc@contoso.com',
    ],
    code: 2,
    stderr: [/--ad-url/, /--bind-password-from env:NAME, file:\/path or prompt/],
    secret: PW,
    check: (_r, w) => assert(!existsSync(join(w.config, 'config.json')), 'a config file was written'),
  },
  {
    name: 'the setup wizard’s answers and flags: --ssh-host user:password@host',
    kind: 'secrets',
    args: ['setup', '--profile', 'x', '--transport', 'ssh', '--ssh-host', `admin:${PW}@sync01`],
    code: 2,
    stderr: [/--ssh-host/, /--ssh-user/, /--ssh-password-from/],
    secret: PW,
  },
  {
    name: 'an https:// address with user info (--authority-host)',
    kind: 'secrets',
    args: ['setup', '--profile', 'x', '--authority-host', `https://app:${PW}@login.example.test`],
    code: 2,
    stderr: [/--authority-host/, /client secret comes from/],
    secret: PW,
  },
  {
    name: 'SYNCMATCH_AD_URL with a password is refused at load',
    kind: 'secrets',
    args: ['diagnose', 'jdoe'],
    env: {
      SYNCMATCH_AD_URL: `ldaps://svc:${PW}@dc01.contoso.com`,
      SYNCMATCH_TENANT: 'contoso.onmicrosoft.com',
    },
    code: 2,
    stderr: [/SYNCMATCH_AD_URL/, /SYNCMATCH_LDAP_PASSWORD/],
    secret: PW,
  },
  {
    name: 'a config file holding a password in ad.urls is refused at load, the key named',
    kind: 'secrets',
    args: ['diagnose', 'jdoe'],
    setup: (w) =>
      writeConfig(w, {
        version: 1,
        defaultProfile: 'p',
        profiles: { p: { ad: { urls: [`ldaps://svc:${PW}@dc01.contoso.com`] } } },
      }),
    code: 2,
    stderr: [/profiles\.p\.ad\.urls\[0\]/, /never stores a password/],
    secret: PW,
  },
  ...[false, true].map((verbose): CliCase => ({
    name: `a secret that appears in a host name is redacted from the error${verbose ? ' (--verbose)' : ''}`,
    kind: 'secrets',
    args: ['diagnose', 'jdoe', ...(verbose ? ['--verbose'] : [])],
    env: {
      SYNCMATCH_AD_URL: `ldaps://${PW.toLowerCase()}.invalid`,
      SYNCMATCH_AD_BIND: 'svc@contoso.com',
      SYNCMATCH_LDAP_PASSWORD: PW.toLowerCase(),
      SYNCMATCH_AD_CONNECT_TIMEOUT: '5',
      SYNCMATCH_TENANT: 'contoso.onmicrosoft.com',
      SYNCMATCH_CLIENT_ID: '00000000-0000-0000-0000-0000000000a1',
      SYNCMATCH_SIGN_IN: 'client-secret',
      SYNCMATCH_CLIENT_SECRET: 'client-secret-value-i14',
      SYNCMATCH_SYNC_TRANSPORT: 'none',
    },
    code: 1,
    stderr: [/\[redacted\]/],
    secret: PW.toLowerCase(),
  })),
];

// --- one escaping function for every terminal line ---------------------------------------------
/** Our own colours (bold, dim, gray, red, green, yellow, cyan …): the only ESC sequences allowed. */
// eslint-disable-next-line no-control-regex
const FOREIGN_ESC = /\u001b(?!\[(?:1|2|3|4|22|23|24|90|31|32|33|34|36|39)m)/;
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

const TERMINAL: CliCase[] = [
  {
    name: 'diagnose text with colour on: only our own colours reach the terminal, data SGR is escaped',
    kind: 'terminal',
    args: ['diagnose', '--lab', HOSTILE, 'ctlchars'],
    env: { FORCE_COLOR: '1', NO_COLOR: '' },
    code: 3,
    stdout: [/\\u001b\[2J/],
    check: (r) => {
      const out = r.stdout + r.stderr;
      assert(
        !FOREIGN_ESC.test(out),
        `a foreign escape sequence reached the terminal: ${JSON.stringify(out)}`,
      );
      assert(r.stdout.includes('\u001b['), 'colour was expected to be on');
    },
  },
  {
    name: 'fix --yes text: values escaped in the report and the applied lines',
    kind: 'terminal',
    args: ['fix', '--lab', HOSTILE, 'ctlchars', '--yes'],
    code: 3,
    stdout: [/\\u202eevil\\u001b\[2J/],
    check: (r) => assert(!RAW.test(r.stdout + r.stderr), 'a raw control character reached the terminal'),
  },
  {
    name: 'JSON keeps the data (parses back to the very characters), with no raw control on stdout',
    kind: 'terminal',
    args: ['diagnose', '--lab', HOSTILE, 'ctlchars', '--json'],
    code: 3,
    check: (r) => {
      assert(!RAW.test(r.stdout), 'a raw control or direction character in the JSON text');
      const d = JSON.parse(r.stdout) as { onPrem: { mailNickname: string; displayName: string } };
      assert(
        d.onPrem.mailNickname === 'ctl\u001b[31mchars',
        `mailNickname changed: ${d.onPrem.mailNickname}`,
      );
      assert(d.onPrem.displayName.startsWith('\u202eevil\u001b[2J'), 'displayName changed');
    },
  },
  {
    name: 'an unknown option holding ESC [8m (conceal) is echoed escaped',
    kind: 'terminal',
    args: ['diagnose', 'jdoe', '--\u001b[8mhidden'],
    code: 2,
    stderr: [/\\u001b\[8mhidden/],
    check: (r) => assert(!RAW.test(r.stderr), 'raw ESC in the error'),
  },
  {
    name: 'an OSC 52 clipboard write in a --scope value is shown, not sent',
    kind: 'terminal',
    args: ['scan', '--lab', HOSTILE, '--scope', 'OU=Lab\u001b]52;c;cm0gLXJm\u0007,DC=lab,DC=example'],
    code: 2,
    stderr: [/\\u001b\]52;c;cm0gLXJm\\u0007/],
    check: (r) => assert(!RAW.test(r.stderr), 'raw OSC in the error'),
  },
];

// --- DNs parsed, not compared ------------------------------------------------------------------
function evilScenario(w: Workspace): string {
  const s = JSON.parse(readFileSync(SHIPPED('stale-immutable-id'), 'utf8')) as {
    ad: { objects: { dn: string; attributes: { sAMAccountName?: string } }[] };
  };
  const john = s.ad.objects.find((o) => o.attributes.sAMAccountName === 'jdoe')!;
  // One RDN whose value holds ",OU=Staff": the user lives directly under DC=contoso,DC=com.
  john.dn = 'CN=John Doe\\,OU\\=Staff,DC=contoso,DC=com';
  const file = join(w.dir, 'evil-dn.json');
  writeFileSync(file, JSON.stringify(s));
  return file;
}

const DNS: CliCase[] = [
  {
    name: 'CN=Evil\\,OU\\=Staff,DC=… is outside the synced OU=Staff (the scope rule parses)',
    kind: 'dn',
    args: (w) => ['diagnose', '--lab', evilScenario(w), 'jdoe', '--json'],
    code: 3,
    check: (r) => {
      const d = JSON.parse(r.stdout) as { findings: { code: string }[]; plan: { action: string }[] };
      assert(
        d.findings.some((f) => f.code === 'AD_OUT_OF_SYNC_SCOPE'),
        `no AD_OUT_OF_SYNC_SCOPE: ${d.findings.map((f) => f.code).join(', ')}`,
      );
    },
  },
  {
    name: 'the same user by its DN spelt with hex escapes and other case',
    kind: 'dn',
    args: (w) => [
      'diagnose',
      '--lab',
      evilScenario(w),
      'cn=john doe\\2cou\\3dstaff,dc=CONTOSO,dc=com',
      '--json',
    ],
    code: 3,
    check: (r) => {
      const d = JSON.parse(r.stdout) as { onPrem: { sAMAccountName: string } | null };
      assert(d.onPrem?.sAMAccountName === 'jdoe', 'not found by its DN');
    },
  },
  {
    name: 'the DN with the comma unescaped names another place: not found',
    kind: 'dn',
    args: (w) => ['diagnose', '--lab', evilScenario(w), 'CN=John Doe,OU=Staff,DC=contoso,DC=com', '--json'],
    code: 3,
    stdout: [/AD_USER_NOT_FOUND/],
  },
  {
    name: 'scan --scope with a multi-valued RDN: refused with the reason',
    kind: 'dn',
    args: ['scan', '--lab', HOSTILE, '--scope', 'OU=Lab+L=x,DC=lab,DC=example', '--json'],
    code: 2,
    stderr: [/one attribute per RDN/],
  },
  {
    name: 'scan --scope with a filter appended: refused',
    kind: 'dn',
    args: ['scan', '--lab', HOSTILE, '--scope', 'OU=Lab,DC=lab,DC=example)(objectClass=*', '--json'],
    code: 2,
    stderr: [/must be escaped/],
  },
  {
    name: 'a scenario whose sync scope is not a DN: refused with its JSON path',
    kind: 'dn',
    args: (w) => {
      const s = JSON.parse(readFileSync(SHIPPED('healthy'), 'utf8')) as { sync: { scope: string[] } };
      s.sync.scope = ['Staff OU'];
      writeFileSync(join(w.dir, 's.json'), JSON.stringify(s));
      return ['diagnose', '--lab', join(w.dir, 's.json'), 'jdoe'];
    },
    code: 2,
    stderr: [/\$\.sync\.scope\[0\]/, /not a DN/],
  },
];

// --- no hangs, no absurd values ----------------------------------------------------------------
const HANGS: CliCase[] = [
  {
    name: 'a FIFO as the scenario file does not block',
    kind: 'hangs',
    args: (w) => ['diagnose', '--lab', join(w.dir, 'fifo'), 'jdoe'],
    setup: (w) => {
      execFileSync('mkfifo', [join(w.dir, 'fifo')]); // Node has no mkfifo of its own
    },
    code: 2,
    stderr: [/not a regular file/],
  },
  {
    name: '/dev/zero as the scenario file',
    kind: 'hangs',
    args: ['diagnose', '--lab', '/dev/zero', 'jdoe'],
    code: 2,
    stderr: [/not a regular file/],
  },
  {
    name: 'a folder as the scenario file',
    kind: 'hangs',
    args: (w) => ['diagnose', '--lab', w.dir, 'jdoe'],
    code: 2,
    stderr: [/is a folder/],
  },
  ...['1e9', '0x10', '-1', '60001', '1.5', '+7', ''].map((v): CliCase => ({
    name: `--lab-latency ${JSON.stringify(v)} is refused`,
    kind: 'hangs',
    args: ['diagnose', '--lab', 'healthy', 'jdoe', '--lab-latency', v],
    code: 2,
    stderr: [/--lab-latency/, /0–60000 ms/],
  })),
  ...[
    ['fix', '--timeout', '0'],
    ['sync', '--timeout', '1e3'],
    ['sync', '--timeout', '86401'],
  ].map((args): CliCase => ({
    name: `${args.join(' ')} is refused`,
    kind: 'hangs',
    args: [args[0]!, '--lab', 'healthy', ...(args[0] === 'fix' ? ['jdoe', '--yes'] : []), ...args.slice(1)],
    code: 2,
    stderr: [/--timeout/, /1–86400 seconds/],
  })),
  {
    name: 'lab generate --users above the limit: the hint matches the limit',
    kind: 'hangs',
    args: ['lab', 'generate', '--users', '500001'],
    code: 2,
    stderr: [/1–500000/],
  },
  {
    name: 'setup --ssh-port 0x16 (hex) is refused',
    kind: 'hangs',
    args: ['setup', '--profile', 'x', '--ssh-port', '0x16'],
    code: 2,
    stderr: [/--ssh-port/, /whole number/],
  },
  {
    name: 'SYNCMATCH_SSH_PORT=1e3 (an exponent) is refused',
    kind: 'hangs',
    args: ['setup', '--check'],
    env: { SYNCMATCH_SSH_PORT: '1e3', SYNCMATCH_SSH_HOST: 'sync01', SYNCMATCH_SYNC_TRANSPORT: 'ssh' },
    code: 2,
    stderr: [/SYNCMATCH_SSH_PORT must be a whole number/],
  },
  {
    name: 'a FIFO as the lab journal does not block the run, and nothing is written unjournalled',
    kind: 'hangs',
    args: ['fix', '--lab', 'stale-immutable-id', 'jdoe', '--yes'],
    env: (w) => ({ SYNCMATCH_LAB_JOURNAL: join(w.dir, 'journal-fifo') }),
    setup: (w) => execFileSync('mkfifo', [join(w.dir, 'journal-fifo')]),
    code: 1,
    stderr: [/journal .* is not a regular file/],
    stdout: [/Nothing was written to the tenant: the journal could not record the write first/],
  },
  {
    name: 'a FIFO as config.json does not block the run',
    kind: 'hangs',
    args: ['diagnose', 'jdoe'],
    setup: (w) => {
      mkdirSync(w.config, { recursive: true });
      execFileSync('mkfifo', [join(w.config, 'config.json')]);
    },
    code: 2,
    stderr: [/config file .* is not a regular file/],
  },
  {
    name: 'sync --wait for a user who does not exist fails fast, no sync started',
    kind: 'hangs',
    args: ['sync', '--lab', 'stale-immutable-id', '--wait', 'nobody@contoso.com', '--timeout', '600'],
    code: 3,
    stderr: [/No AD user matches/, /No sync was started/],
    check: (r) => assert(r.ms < 30_000, `took ${r.ms} ms`),
  },
];

// --- exit codes as documented --------------------------------------------------------------------
function scenarioFile(w: Workspace, name: string, text: string): string {
  const file = join(w.dir, name);
  writeFileSync(file, text);
  return file;
}

const EXIT_CODES: CliCase[] = [
  {
    name: 'a scenario file that is not JSON: exit 2',
    kind: 'exit-codes',
    args: (w) => ['diagnose', '--lab', scenarioFile(w, 'bad.json', '{"name": '), 'jdoe'],
    code: 2,
    stderr: [/is not valid JSON/],
  },
  {
    name: 'a scenario file that breaks the format: exit 2 with the JSON path',
    kind: 'exit-codes',
    args: (w) => ['diagnose', '--lab', scenarioFile(w, 'bad.json', '{"name": "x"}'), 'jdoe'],
    code: 2,
    stderr: [/does not match the scenario format/, /\$\./],
  },
  {
    name: 'a scenario file with a UTF-8 BOM is read like one without',
    kind: 'exit-codes',
    args: (w) => [
      'diagnose',
      '--lab',
      scenarioFile(w, 'bom.json', `\ufeff${readFileSync(SHIPPED('healthy'), 'utf8')}`),
      'jdoe',
      '--json',
    ],
    code: 0,
    stdout: [/ALREADY_MATCHED/],
  },
  {
    name: 'an empty sourceAnchor in a scenario is named',
    kind: 'exit-codes',
    args: (w) => {
      const s = JSON.parse(readFileSync(SHIPPED('healthy'), 'utf8')) as { sync: { sourceAnchor: string } };
      s.sync.sourceAnchor = '  ';
      return ['diagnose', '--lab', scenarioFile(w, 's.json', JSON.stringify(s)), 'jdoe'];
    },
    code: 2,
    stderr: [/\$\.sync\.sourceAnchor/, /is empty/],
  },
  {
    name: 'a config file with a BOM: named, exit 2',
    kind: 'exit-codes',
    args: ['diagnose', 'jdoe'],
    setup: (w) => writeConfig(w, `\ufeff${JSON.stringify(AUDIT)}`),
    code: 2,
    stderr: [/byte-order mark \(BOM\)/],
  },
  {
    name: 'a config value of the wrong type: exit 2, the key named',
    kind: 'exit-codes',
    args: ['diagnose', 'jdoe'],
    setup: (w) => writeConfig(w, { version: 1, profiles: { p: { readOnly: 'yes' } } }),
    code: 2,
    stderr: [/profiles\.p\.readOnly/],
  },
  {
    name: 'a defaultProfile that names no profile says so',
    kind: 'exit-codes',
    args: ['diagnose', 'jdoe'],
    setup: (w) =>
      writeConfig(w, { version: 1, defaultProfile: 'gone', profiles: { here: { readOnly: true } } }),
    code: 2,
    stderr: [/names "gone" as its default profile, but has no profile by that name \(there is: here\)/],
  },
];

// --- never clobber --------------------------------------------------------------------------------
const KEEP = 'precious contents i14\n';

const CLOBBER: CliCase[] = [
  {
    name: 'lab generate --out onto an existing file: refused, the file untouched',
    kind: 'clobber',
    args: (w) => ['lab', 'generate', '--users', '5', '--out', join(w.dir, 'keep.json')],
    setup: (w) => writeFileSync(join(w.dir, 'keep.json'), KEEP),
    code: 2,
    stderr: [/already exists/, /--force/],
    check: (_r, w) => assert(readFileSync(join(w.dir, 'keep.json'), 'utf8') === KEEP, 'the file changed'),
  },
  {
    name: 'lab generate --out … --force replaces it (0600)',
    kind: 'clobber',
    args: (w) => ['lab', 'generate', '--users', '5', '--out', join(w.dir, 'keep.json'), '--force'],
    setup: (w) => writeFileSync(join(w.dir, 'keep.json'), KEEP),
    code: 0,
    check: (_r, w) => {
      const text = readFileSync(join(w.dir, 'keep.json'), 'utf8');
      assert(JSON.parse(text).ad.objects.length > 0, 'not a scenario');
    },
  },
  {
    name: 'lab generate --out into a folder that does not exist: refused before generating',
    kind: 'clobber',
    args: (w) => ['lab', 'generate', '--users', '5', '--out', join(w.dir, 'nowhere', 'x.json')],
    code: 2,
    stderr: [/does not exist/],
  },
  {
    name: 'scan --csv onto an existing file: refused before the scan',
    kind: 'clobber',
    args: (w) => ['scan', '--lab', 'healthy', '--csv', join(w.dir, 'keep.csv')],
    setup: (w) => writeFileSync(join(w.dir, 'keep.csv'), KEEP),
    code: 2,
    stderr: [/already exists/],
    check: (r, w) => {
      assert(!/Reading:|Forecasting:/.test(r.stderr), 'the scan ran first');
      assert(readFileSync(join(w.dir, 'keep.csv'), 'utf8') === KEEP, 'the file changed');
    },
  },
  {
    name: 'scan --csv … --force replaces it',
    kind: 'clobber',
    args: (w) => ['scan', '--lab', 'healthy', '--csv', join(w.dir, 'keep.csv'), '--force'],
    setup: (w) => writeFileSync(join(w.dir, 'keep.csv'), KEEP),
    code: 0,
    check: (_r, w) => assert(readFileSync(join(w.dir, 'keep.csv'), 'utf8').includes('jdoe'), 'no rows'),
  },
  {
    name: 'scan --csv naming a folder: refused',
    kind: 'clobber',
    args: (w) => ['scan', '--lab', 'healthy', '--csv', w.dir],
    code: 2,
    stderr: [/is a folder/],
  },
  {
    name: 'scan --csv onto a FIFO, even with --force: refused',
    kind: 'clobber',
    args: (w) => ['scan', '--lab', 'healthy', '--csv', join(w.dir, 'fifo'), '--force'],
    setup: (w) => {
      execFileSync('mkfifo', [join(w.dir, 'fifo')]);
    },
    code: 2,
    stderr: [/not a regular file/],
  },
];

// --- convert ---------------------------------------------------------------------------------------
// Vectors from Python: uuid.UUID('b2d9bf40-6cc2-4a4a-a0e8-cd7d3c8f9a8e').bytes_le and its base64.
const N = 'b2d9bf406cc24a4aa0e8cd7d3c8f9a8e';
const CONVERT: CliCase[] = [
  {
    name: '32 hex digits: both readings, labelled, the GUID one first, and a blank line before each Note',
    kind: 'convert',
    args: ['convert', N],
    code: 0,
    stdout: [
      /^Reading 1: a GUID string without dashes[\s\S]*QL\/ZssJsSkqg6M19PI\+ajg==[\s\S]*Reading 2: hex bytes in stored order[\s\S]*stm\/QGzCSkqg6M19PI\+ajg==/,
    ],
    stderr: [/^\nNote: 32 hex digits can be read two ways/],
  },
  {
    name: 'convert --as guid --json',
    kind: 'convert',
    args: ['convert', N, '--as', 'guid', '--json'],
    code: 0,
    stdout: [/"immutableId": "QL\/ZssJsSkqg6M19PI\+ajg=="/, /"detected": "guidDigits"/],
  },
  {
    name: 'convert --as bytes --json',
    kind: 'convert',
    args: ['convert', N, '--as', 'bytes', '--json'],
    code: 0,
    stdout: [/"immutableId": "stm\/QGzCSkqg6M19PI\+ajg=="/],
  },
  {
    name: 'convert --as something-else is a usage error',
    kind: 'convert',
    args: ['convert', N, '--as', 'octets'],
    code: 2,
    stderr: [/--as guid or --as bytes/],
  },
  {
    name: "ADUC's spaced hex",
    kind: 'convert',
    args: ['convert', '40 BF D9 B2 C2 6C 4A 4A A0 E8 CD 7D 3C 8F 9A 8E'],
    code: 0,
    stdout: [/hex bytes separated by spaces/, /b2d9bf40-6cc2-4a4a-a0e8-cd7d3c8f9a8e/],
  },
  {
    name: 'a PowerShell byte array',
    kind: 'convert',
    args: ['convert', '{64, 191, 217, 178, 194, 108, 74, 74, 160, 232, 205, 125, 60, 143, 154, 142}'],
    code: 0,
    stdout: [/PowerShell byte array/, /QL\/ZssJsSkqg6M19PI\+ajg==/],
  },
  {
    name: 'PowerShell’s one-byte-per-line output',
    kind: 'convert',
    args: ['convert', '64\n191\n217\n178\n194\n108\n74\n74\n160\n232\n205\n125\n60\n143\n154\n142'],
    code: 0,
    stdout: [/b2d9bf40-6cc2-4a4a-a0e8-cd7d3c8f9a8e/],
  },
  {
    name: 'unpadded base64, with a note',
    kind: 'convert',
    args: ['convert', 'QL/ZssJsSkqg6M19PI+ajg'],
    code: 0,
    stdout: [/b2d9bf40-6cc2-4a4a-a0e8-cd7d3c8f9a8e/],
    stderr: [/without its "==" padding; the immutableId itself is QL\/ZssJsSkqg6M19PI\+ajg==/],
  },
  {
    name: 'a byte above 255 in an array is refused',
    kind: 'convert',
    args: ['convert', '{256, 191, 217, 178, 194, 108, 74, 74, 160, 232, 205, 125, 60, 143, 154, 142}'],
    code: 2,
    stderr: [/16 bytes as hex|0–255/],
  },
];

// --- the small ones -------------------------------------------------------------------------------
const SMALL: CliCase[] = [
  {
    name: 'lab --json <file> describes that file, not the shipped list',
    kind: 'small',
    args: ['lab', HOSTILE, '--json'],
    code: 0,
    check: (r) => {
      const v = JSON.parse(r.stdout) as { name: string };
      assert(!Array.isArray(v) && v.name === 'hostile-values', r.stdout);
    },
  },
  {
    name: 'lab --json <missing file>: exit 2',
    kind: 'small',
    args: (w) => ['lab', join(w.dir, 'missing.json'), '--json'],
    code: 2,
    stderr: [/does not exist/],
  },
  {
    name: '--transport under --lab says it is ignored',
    kind: 'small',
    args: ['sync', '--lab', 'healthy', '--transport', 'ssh'],
    code: 0,
    stderr: [/--transport ssh is ignored with --lab/],
  },
  {
    name: "the journal's torn-line hint names the entry and what it was",
    kind: 'small',
    args: ['journal'],
    setup: (w) => {
      mkdirSync(w.data, { recursive: true });
      const line = JSON.stringify({
        id: 'w-20260101-000000-abcd',
        phase: 'intent',
        at: '2026-01-01T00:00:00.000Z',
        operator: 'ann',
        tenant: 't',
        target: { id: 'u1', userPrincipalName: 'jdoe@contoso.com' },
      });
      writeFileSync(join(w.data, 'journal.jsonl'), line.slice(0, 60));
      chmodSync(join(w.data, 'journal.jsonl'), 0o600);
    },
    code: 0,
    stderr: [/\(entry w-20260101-000000-abcd\); the write it announced was never sent/],
  },
];

export const CLI_CORPUS: CliCase[] = [
  ...READ_ONLY,
  ...SECRETS,
  ...TERMINAL,
  ...DNS,
  ...HANGS,
  ...EXIT_CODES,
  ...CLOBBER,
  ...CONVERT,
  ...SMALL,
];
