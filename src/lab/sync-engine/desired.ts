// What an AD object exports to Entra ID: the lab's objects fed to the core's export rules
// (core/export-values.ts), the same code the fix's forecast runs.
import {
  cloudUpnFor as coreCloudUpnFor,
  desiredRecipientValues as coreRecipientValues,
  desiredUserValues as coreUserValues,
  tenantNaming,
  type ExportSource,
  type TenantNaming,
} from '../../core/export-values.js';
import type { LabState, LabTenant } from '../lab-state.js';
import type { ScenarioAdObject } from '../scenario-schema.js';

export { splitAddress, type DesiredValues } from '../../core/export-values.js';

function naming(tenant: LabTenant): TenantNaming {
  return tenantNaming(tenant.initialDomain, tenant.domains);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function source(obj: ScenarioAdObject): ExportSource {
  const a = obj.attributes;
  return {
    sAMAccountName: str(a.sAMAccountName),
    userPrincipalName: str(a.userPrincipalName),
    displayName: str(a.displayName),
    mail: str(a.mail),
    mailNickname: str(a.mailNickname),
    proxyAddresses: Array.isArray(a.proxyAddresses) ? a.proxyAddresses : undefined,
  };
}

/** True when `suffix` is a verified domain of the tenant (the initial domain always is). */
export function isVerifiedSuffix(tenant: LabTenant, suffix: string): boolean {
  return naming(tenant).isVerifiedSuffix(suffix);
}

/**
 * The cloud UPN for an AD UPN: unchanged when valid on a verified suffix, else
 * `<MailNickName>@<initial domain>` in Microsoft's order (src/core/unverified-upn.ts). UNVERIFIED
 * simplification: the lab recomputes it on every run, where the service recomputes it only when the
 * on-premises UPN changes.
 */
export function cloudUpnFor(
  tenant: LabTenant,
  adUpn: string,
  others: Pick<ExportSource, 'mailNickname' | 'proxyAddresses' | 'mail'> = {},
): string {
  return coreCloudUpnFor(naming(tenant), adUpn, others);
}

export function desiredUserValues(state: LabState, obj: ScenarioAdObject) {
  return coreUserValues(source(obj), state.ad.domain, naming(state.tenant));
}

export function desiredRecipientValues(obj: ScenarioAdObject) {
  return coreRecipientValues(source(obj));
}
