// The layering check: holds the lines of DESIGN.md so they stay true without anyone remembering them.
const impure = [
  '^node:',
  '^(fs|path|os|child_process|net|tls|http|https|crypto|stream|events|util|url|process|readline)$',
];
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core may import nothing impure: no node built-ins, network libraries, React or Ink.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        pathNot: '^src/core/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'core-no-builtins',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-not-above',
      comment:
        'The core depends on nothing above it, types included: what core/wizard needs lives in the core or src/ports.ts, not in app/.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(app|adapters|commands|ui|lab)/|^src/cli\\.ts$' },
    },
    {
      name: 'commands-no-protocols',
      comment:
        'Commands parse flags, call a use-case and print: connections and their probes (LDAP, TLS, ssh, Graph) live behind the adapters (each adapter offers its own check).',
      severity: 'error',
      from: { path: '^src/(commands/|cli\\.ts$)' },
      to: {
        path: '^(node:)?(tls|net)$|node_modules/(ldapts|ssh2|@microsoft/microsoft-graph-client)/',
      },
    },
    {
      name: 'ui-not-adapters',
      comment: 'The UI renders state and sends events; it never talks to adapters.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/(adapters|commands|lab)/' },
    },
    {
      name: 'app-only-core-ports',
      comment: 'Use-cases depend on the core and the ports, never on a concrete adapter.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(adapters|commands|ui|lab)/' },
    },
    {
      name: 'nothing-imports-commands',
      severity: 'error',
      from: { pathNot: '^src/(commands/|cli\\.ts)' },
      to: { path: '^src/(commands/|cli\\.ts)' },
    },
    {
      name: 'adapters-not-ui-or-lab',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(ui|commands|lab|app)/' },
    },
    {
      name: 'lab-not-ui-or-adapters',
      severity: 'error',
      from: { path: '^src/lab/' },
      to: { path: '^src/(ui|commands|adapters)/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
void impure;
