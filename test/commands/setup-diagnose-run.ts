// Run as its own process by setup-diagnose.test.ts: opens the real environment a profile describes
// (profile-connections.ts, what `syncmatch diagnose` uses once real-environment.ts delegates to it)
// and prints the diagnosis of one identity as JSON, as `syncmatch diagnose <identity> --json` does.
import { collectSnapshot } from '../../src/app/collect-snapshot.js';
import { openProfileEnvironment } from '../../src/commands/profile-connections.js';
import { diagnose } from '../../src/core/diagnose.js';

const [identity, profile] = process.argv.slice(2);
const env = await openProfileEnvironment({ profile, readOnly: true });
try {
  const snapshot = await collectSnapshot(
    { directory: env.directory, tenant: env.tenant, sync: env.sync },
    identity!,
  );
  process.stdout.write(
    `${JSON.stringify({
      label: env.label,
      trigger: env.trigger.name,
      diagnosis: diagnose(snapshot),
      // The profile's forests, oldest first (the last is the migration's target).
      forests: env.sync.forests ?? null,
      // Where each AD object was found (issue 21: several forests).
      onPrem: [...snapshot.onPrem.matches, ...snapshot.onPrem.related].map((o) => ({
        objectGuid: o.objectGuid,
        forest: o.forest,
        domain: o.domain,
      })),
    })}\n`,
  );
} finally {
  await env.close();
}
