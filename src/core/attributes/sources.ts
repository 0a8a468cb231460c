// The public documents each attribute rule follows. A rule names the one that decides it; where
// every document is silent the rule says so and keeps IdFix's behaviour (IDFIX).

export const SOURCES = {
  /** Microsoft Entra, "Password policies and account restrictions in Microsoft Entra ID", username policies. */
  usernamePolicy:
    'https://learn.microsoft.com/entra/identity/authentication/concept-sspr-policy#username-policies',
  /** Microsoft 365, "Prepare to provision users through directory synchronization", attribute preparation. */
  prepareDirSync:
    'https://learn.microsoft.com/microsoft-365/enterprise/prepare-for-directory-synchronization#2-directory-object-and-attribute-preparation',
  /** Microsoft Graph, user resource type (property limits). */
  graphUser: 'https://learn.microsoft.com/graph/api/resources/user#properties',
  /** Exchange PowerShell, Set-Mailbox -Alias (the alias allow-list). */
  setMailboxAlias: 'https://learn.microsoft.com/powershell/module/exchange/set-mailbox#-alias',
  /** Microsoft Entra Connect, "Microsoft Entra UserPrincipalName population". */
  upnPopulation: 'https://learn.microsoft.com/entra/identity/hybrid/connect/plan-connect-userprincipalname',
  /** Microsoft Entra Connect, duplicate attribute resiliency. */
  duplicateResiliency:
    'https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-syncservice-duplicate-attribute-resiliency',
  /** IdFix's own rules (Microsoft's retired tool), kept where the documents are silent. */
  idfix: 'https://microsoft.github.io/idfix/Errors%20supported%20by%20the%20IdFix%20tool',
} as const;

export type SourceUrl = (typeof SOURCES)[keyof typeof SOURCES];

/** Short names for messages and the README. */
export const SOURCE_NAMES: Record<SourceUrl, string> = {
  [SOURCES.usernamePolicy]: 'Microsoft Entra username policies',
  [SOURCES.prepareDirSync]: 'Microsoft 365 "Prepare for directory synchronization"',
  [SOURCES.graphUser]: 'Microsoft Graph user resource',
  [SOURCES.setMailboxAlias]: 'Exchange Set-Mailbox -Alias',
  [SOURCES.upnPopulation]: 'Entra Connect "UserPrincipalName population"',
  [SOURCES.duplicateResiliency]: 'Entra Connect duplicate attribute resiliency',
  [SOURCES.idfix]: "IdFix's rules (the documents are silent)",
};
