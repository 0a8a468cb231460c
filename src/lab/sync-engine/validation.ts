// Values the cloud refuses outright: the export of the whole user fails (Microsoft 365, "Prepare
// for directory synchronization": "Invalid characters will cause directory synchronization to
// fail"). The lab judges each value with the same documented rules the diagnosis uses
// (src/core/attributes/); values the cloud replaces or drops are handled where they are exported
// (desired.ts). UNVERIFIED: the error's wording (the service reports a data validation failure;
// its exact text for each attribute is not published).
import { checkAttributes, type AttributeProblem } from '../../core/idfix-rules.js';
import type { OnPremObject } from '../../core/snapshot.js';
import type { ScenarioAdObject } from '../scenario-schema.js';

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** The attributes the rules read, as an OnPremObject (no anchor: the rules do not need one). */
function attributeView(obj: ScenarioAdObject): OnPremObject {
  const a = obj.attributes;
  return {
    objectClass: obj.objectClass,
    dn: obj.dn,
    objectGuid: obj.objectGUID,
    sAMAccountName: str(a.sAMAccountName),
    userPrincipalName: str(a.userPrincipalName),
    mail: str(a.mail),
    mailNickname: str(a.mailNickname),
    displayName: str(a.displayName),
    proxyAddresses: Array.isArray(a.proxyAddresses) ? [...a.proxyAddresses] : [],
    consistencyGuid: null,
  };
}

/** The values of a user whose export the cloud refuses. */
export function refusedValues(obj: ScenarioAdObject): AttributeProblem[] {
  return checkAttributes(attributeView(obj)).filter((p) => p.outcome === 'blocked');
}

/** The run log's sentence for a refused export. */
export function refusedText(problems: readonly AttributeProblem[]): string {
  const list = problems.map((p) => `${p.attribute} "${p.value}" ${p.reason}`).join('; ');
  return `DataValidationFailed: the cloud refused the object's values: ${list}. Correct them in the local directory.`;
}
