// One builder per command a step can need. Every value goes through psString; names of cmdlets,
// parameters and JSON bodies are constants of this file. Cmdlets and parameters as Microsoft
// documents them:
// https://learn.microsoft.com/powershell/module/microsoft.graph.users/update-mguser
// https://learn.microsoft.com/powershell/microsoftgraph/how-to-use-invoke-mggraphrequest (PATCH with a JSON null)
// https://learn.microsoft.com/graph/api/directory-deleteditems-delete , .../directory-deleteditems-restore
// https://learn.microsoft.com/powershell/module/activedirectory/set-adobject (-Remove, -Clear)
// https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler
// https://learn.microsoft.com/powershell/module/exchange/set-distributiongroup (-PrimarySmtpAddress,
// -EmailAddresses @{remove=...}), .../set-mailcontact, .../set-mailbox
// UNVERIFIED: no command here was run against a real tenant, domain controller or Connect server;
// names and parameters follow the reference pages above, and the tests parse every command with a
// PowerShell grammar. Least sure: -OutputType Json of Invoke-MgGraphRequest, the PIM eligibility
// removal (an adminRemove schedule request) and the onPremisesSynchronization PATCH.
import { graphUrl, ldapFilterValue, odataString, psString as q } from './quote.js';
import type { PowerShellCommand } from './types.js';

const graph = (purpose: string, script: string): PowerShellCommand => ({
  module: 'Microsoft.Graph',
  purpose,
  script,
});
const ad = (purpose: string, script: string): PowerShellCommand => ({
  module: 'ActiveDirectory',
  purpose,
  script,
});
const connect = (purpose: string, script: string): PowerShellCommand => ({
  module: 'ADSync',
  purpose,
  script,
});
const exo = (purpose: string, script: string): PowerShellCommand => ({
  module: 'ExchangeOnlineManagement',
  purpose,
  script,
});

export function setImmutableId(userId: string, value: string): PowerShellCommand {
  return graph(
    'Stamp the immutableId on the cloud user (hard match).',
    `Update-MgUser -UserId ${q(userId)} -OnPremisesImmutableId ${q(value)}`,
  );
}

/** Update-MgUser cannot send a JSON null, so the PATCH goes through Invoke-MgGraphRequest. */
export function clearImmutableId(userId: string): PowerShellCommand {
  return graph(
    'Clear the immutableId (Update-MgUser cannot send null).',
    `Invoke-MgGraphRequest -Method PATCH -Uri ${q(graphUrl('users', userId))} -Body '{"onPremisesImmutableId":null}' -ContentType 'application/json'`,
  );
}

export function setUpn(userId: string, upn: string): PowerShellCommand {
  return graph(
    'Change the userPrincipalName.',
    `Update-MgUser -UserId ${q(userId)} -UserPrincipalName ${q(upn)}`,
  );
}

export function exportDeleted(id: string): PowerShellCommand {
  return graph(
    'Export the deleted object first: a purge cannot be undone.',
    `Invoke-MgGraphRequest -Method GET -Uri ${q(graphUrl('directory', 'deletedItems', id))} -OutputType Json | Set-Content -LiteralPath ${q(`deleted-${id}.json`)}`,
  );
}

export function purgeDeleted(id: string): PowerShellCommand {
  return graph(
    'Delete it permanently from the recycle bin.',
    `Invoke-MgGraphRequest -Method DELETE -Uri ${q(graphUrl('directory', 'deletedItems', id))}`,
  );
}

export function restoreDeleted(id: string): PowerShellCommand {
  return graph(
    'Restore it from the recycle bin.',
    `Invoke-MgGraphRequest -Method POST -Uri ${q(graphUrl('directory', 'deletedItems', id, 'restore'))}`,
  );
}

export function readUser(userId: string): PowerShellCommand {
  return graph(
    'Read the cloud user: synced, with this immutableId?',
    `Get-MgUser -UserId ${q(userId)} -Property 'id,userPrincipalName,onPremisesImmutableId,onPremisesSyncEnabled,onPremisesLastSyncDateTime' | Format-List 'Id', 'UserPrincipalName', 'OnPremisesImmutableId', 'OnPremisesSyncEnabled', 'OnPremisesLastSyncDateTime'`,
  );
}

export function readUsersWithImmutableId(immutableId: string): PowerShellCommand {
  return graph(
    'Find the cloud user with this immutableId.',
    `Get-MgUser -Filter ${q(`onPremisesImmutableId eq ${odataString(immutableId)}`)} -Property 'id,userPrincipalName,onPremisesImmutableId,onPremisesSyncEnabled' | Format-List 'Id', 'UserPrincipalName', 'OnPremisesImmutableId', 'OnPremisesSyncEnabled'`,
  );
}

export function deltaSync(): PowerShellCommand {
  return connect('Start a delta sync.', 'Start-ADSyncSyncCycle -PolicyType Delta');
}

export function scheduler(enabled: boolean): PowerShellCommand {
  return enabled
    ? connect('Turn the sync scheduler back on.', 'Set-ADSyncScheduler -SyncCycleEnabled $true')
    : connect(
        'Pause the sync scheduler, so a scheduled cycle cannot run in between.',
        'Set-ADSyncScheduler -SyncCycleEnabled $false',
      );
}

/** Removes one value of a multi-valued attribute (proxyAddresses) from an AD object. */
export function adRemoveValue(identity: string, attribute: string, value: string): PowerShellCommand {
  return ad(
    `Remove ${value} from ${attribute}.`,
    `Set-ADObject -Identity ${q(identity)} -Remove @{ ${q(attribute)} = ${q(value)} }`,
  );
}

export function adAddValue(identity: string, attribute: string, value: string): PowerShellCommand {
  return ad(
    `Add ${value} to ${attribute}.`,
    `Set-ADObject -Identity ${q(identity)} -Add @{ ${q(attribute)} = ${q(value)} }`,
  );
}

export function adReplace(identity: string, attribute: string, value: string): PowerShellCommand {
  return ad(
    `Set ${attribute} to ${value}.`,
    `Set-ADObject -Identity ${q(identity)} -Replace @{ ${q(attribute)} = ${q(value)} }`,
  );
}

/**
 * A synced group's primary address moves to another of its addresses, and the old one goes, in one
 * Set-ADObject (it applies -Remove, then -Add, then -Replace).
 */
export function adSwapPrimary(identity: string, oldPrimary: string, newPrimary: string): PowerShellCommand {
  return ad(
    `Make ${newPrimary} the primary address and remove ${oldPrimary} (a primary address cannot just be removed).`,
    `Set-ADObject -Identity ${q(identity)} -Remove @{ 'proxyAddresses' = ${q(`SMTP:${oldPrimary}`)}, ${q(`smtp:${newPrimary}`)} } -Add @{ 'proxyAddresses' = ${q(`SMTP:${newPrimary}`)} } -Replace @{ 'mail' = ${q(newPrimary)} }`,
  );
}

export function adClear(identity: string, attribute: string): PowerShellCommand {
  return ad(`Clear ${attribute}.`, `Set-ADObject -Identity ${q(identity)} -Clear ${q(attribute)}`);
}

/** Every AD object holding an address, found by an LDAP filter (its value RFC 4515-escaped). */
export function adFindByAddress(address: string): PowerShellCommand {
  const filter = `(|(proxyAddresses=smtp:${ldapFilterValue(address)})(mail=${ldapFilterValue(address)})(userPrincipalName=${ldapFilterValue(address)}))`;
  return ad(
    `Find the AD objects that hold ${address}.`,
    `Get-ADObject -LDAPFilter ${q(filter)} -Properties 'proxyAddresses', 'mail', 'userPrincipalName' | Format-List 'DistinguishedName', 'ObjectClass', 'proxyAddresses', 'mail', 'userPrincipalName'`,
  );
}

export function adShow(identity: string, attributes: string[]): PowerShellCommand {
  const props = attributes.map(q).join(', ');
  return ad(
    'Show the object and the attributes concerned.',
    `Get-ADObject -Identity ${q(identity)} -Properties ${props} | Format-List 'DistinguishedName', 'ObjectClass', ${props}`,
  );
}

/** Moves by objectGUID, so the same command finds the object wherever it is. */
export function adMove(objectGuid: string, targetOu: string, purpose: string): PowerShellCommand {
  return ad(purpose, `Move-ADObject -Identity ${q(objectGuid)} -TargetPath ${q(targetOu)}`);
}

/** Asks for an OU outside the sync scope (only the site knows one), then moves the object there. */
export function adMoveOutOfScope(objectGuid: string): PowerShellCommand {
  return ad(
    'Move the object to an OU outside the sync scope (you are asked which).',
    `$OutOfScopeOu = Read-Host 'DN of an OU outside the Entra Connect sync scope'; Move-ADObject -Identity ${q(objectGuid)} -TargetPath $OutOfScopeOu`,
  );
}

/** Asks for the corrected value (only a person knows it), then writes it. */
export function adReplaceAsked(identity: string, attribute: string): PowerShellCommand {
  return ad(
    `Type the corrected ${attribute} and write it.`,
    `$Corrected = Read-Host ${q(`Corrected ${attribute}`)}; Set-ADObject -Identity ${q(identity)} -Replace @{ ${q(attribute)} = $Corrected }`,
  );
}

/** The OU an object lives in (its DN without the first RDN; escaped commas respected). */
export function parentDn(dn: string): string {
  const m = /^(?:[^,\\]|\\.)*,(.*)$/s.exec(dn);
  return m ? m[1]! : dn;
}

export function removeRoleAssignments(userId: string): PowerShellCommand {
  return graph(
    'Remove the active directory-role assignments.',
    `Get-MgRoleManagementDirectoryRoleAssignment -Filter ${q(`principalId eq ${odataString(userId)}`)} | ForEach-Object { Remove-MgRoleManagementDirectoryRoleAssignment -UnifiedRoleAssignmentId $_.Id }`,
  );
}

export function removeRoleEligibility(userId: string): PowerShellCommand {
  return graph(
    'Remove the eligible (PIM) directory-role assignments.',
    `Get-MgRoleManagementDirectoryRoleEligibilitySchedule -Filter ${q(`principalId eq ${odataString(userId)}`)} | ForEach-Object { New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest -Action 'adminRemove' -PrincipalId $_.PrincipalId -RoleDefinitionId $_.RoleDefinitionId -DirectoryScopeId $_.DirectoryScopeId -Justification 'syncmatch: hard match of a cloud admin' }`,
  );
}

export function giveRoleBack(userId: string, role: string): PowerShellCommand {
  return graph(
    `After the match is verified: give ${role} back.`,
    `New-MgRoleManagementDirectoryRoleAssignment -PrincipalId ${q(userId)} -RoleDefinitionId (Get-MgRoleManagementDirectoryRoleDefinition -Filter ${q(`displayName eq ${odataString(role)}`)}).Id -DirectoryScopeId '/'`,
  );
}

/** The tenant switch that blocks hard-match takeover, off (PATCH of onPremisesSynchronization). */
export function allowHardMatchTakeover(): PowerShellCommand {
  return graph(
    'Allow hard-match takeover for the duration of the fix (a Global Administrator; set it back to true afterwards).',
    `$sync = Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/directory/onPremisesSynchronization'; Invoke-MgGraphRequest -Method PATCH -Uri ('https://graph.microsoft.com/v1.0/directory/onPremisesSynchronization/' + $sync.value[0].id) -Body '{"features":{"blockCloudObjectTakeoverThroughHardMatchEnabled":false}}' -ContentType 'application/json'`,
  );
}

/** Exchange Online: a cloud group's or contact's addresses (Graph cannot write them). */
export type ExoKind = 'user' | 'group' | 'contact';
const EXO_CMDLET: Record<ExoKind, string> = {
  user: 'Set-Mailbox',
  group: 'Set-DistributionGroup',
  contact: 'Set-MailContact',
};

export function exoRemoveAddress(kind: ExoKind, id: string, address: string): PowerShellCommand {
  const cmdlet = EXO_CMDLET[kind];
  return exo(
    `Remove ${address} from the cloud ${kind}${kind === 'group' ? ' (a Microsoft 365 group: Set-UnifiedGroup, same parameters)' : ''}.`,
    `${cmdlet} -Identity ${q(id)} -EmailAddresses @{ remove = ${q(`smtp:${address}`)} }`,
  );
}

export function exoSetPrimary(kind: ExoKind, id: string, address: string): PowerShellCommand {
  const cmdlet = EXO_CMDLET[kind];
  return exo(
    `First make ${address} the primary address: the primary one cannot be removed.`,
    `${cmdlet} -Identity ${q(id)} -PrimarySmtpAddress ${q(address)}`,
  );
}

/**
 * Writes (or clears) an AD user's mS-DS-ConsistencyGuid on a DC of its own domain (issue 21): the
 * GUID cast stores its 16 bytes, the form Connect reads as the sourceAnchor.
 * https://learn.microsoft.com/powershell/module/activedirectory/set-aduser (-Server, -Replace, -Clear)
 */
export function adSetConsistencyGuid(
  objectGuid: string,
  domain: string | null,
  value: string | null,
): PowerShellCommand {
  const server = domain ? ` -Server ${q(domain)}` : '';
  return value === null
    ? ad(
        'Clear mS-DS-ConsistencyGuid.',
        `Set-ADUser -Identity ${q(objectGuid)}${server} -Clear 'mS-DS-ConsistencyGuid'`,
      )
    : ad(
        `Write ${value} into mS-DS-ConsistencyGuid (as its 16 bytes).`,
        `Set-ADUser -Identity ${q(objectGuid)}${server} -Replace @{'mS-DS-ConsistencyGuid'=[guid]${q(value)}}`,
      );
}

/** Moves an object within its own domain (on one of that domain's DCs): a child domain or another forest. */
export function adMoveInDomain(
  objectGuid: string,
  domain: string,
  targetOu: string,
  purpose: string,
): PowerShellCommand {
  return ad(
    purpose,
    `Move-ADObject -Identity ${q(objectGuid)} -Server ${q(domain)} -TargetPath ${q(targetOu)}`,
  );
}
