// The config file's shape, written once (zod) and handed to conf as JSON Schema, so the file is
// checked on every read and write and our own messages come from the same definition.
// Every field is optional in the file: environment variables and flags can fill the rest, and the
// merged result is checked for completeness (resolve-settings.ts). Secrets have no field at all:
// only `…From` references (env:NAME, file:/path, prompt) are accepted.
import { z } from 'zod/v4';
import { SECRET_REF_HELP, SECRET_REF_PATTERN } from '../secrets/secret-ref.js';
import { hasUserInfo, userInfoMessage, type AddressKind } from './url-credentials.js';

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A DNS name with at least one dot (contoso.com, contoso.onmicrosoft.com). */
export const DOMAIN_NAME = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
export const LDAP_URL = /^ldaps?:\/\/[^\s/?#]+\/?$/i;
export const SHA256_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;
export const LDAP_ATTRIBUTE = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

export const SIGN_IN_METHODS = [
  'device-code',
  'browser',
  'client-secret',
  'client-certificate',
  'azure-cli',
] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const TRANSPORTS = ['ssh', 'winrm', 'local', 'command', 'none'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

const secretRef = z
  .string()
  .regex(
    SECRET_REF_PATTERN,
    `must say where the secret comes from (${SECRET_REF_HELP}), never the secret itself`,
  );
const seconds = z
  .number()
  .int('must be a whole number of seconds')
  .min(1, 'must be at least 1 second')
  .max(3600);
const nonEmpty = z.string().trim().min(1, 'must not be empty');
/** No user name or password inside an address (issue 14): the message says where they go. */
const noUserInfo = (kind: AddressKind) =>
  z.refine((v: unknown) => typeof v !== 'string' || !hasUserInfo(v), userInfoMessage(kind));
// TLS is never optional towards Microsoft: http:// is refused outright.
const httpsUrl = z
  .string()
  .regex(/^https:\/\/[^\s/?#]+\/?$/i, 'must be an https:// address (TLS is never optional here)')
  .check(noUserInfo('https'));

export const adFileSchema = z
  .object({
    urls: z
      .array(
        z
          .string()
          .regex(LDAP_URL, 'must be ldaps://host[:port] or ldap://host[:port]')
          .check(noUserInfo('ad')),
      )
      .min(1, 'must list at least one server'),
    startTls: z.boolean(),
    caFile: nonEmpty,
    bindIdentity: nonEmpty,
    passwordFrom: secretRef,
    baseDn: nonEmpty,
    anchorAttribute: z
      .string()
      .regex(LDAP_ATTRIBUTE, 'must be an LDAP attribute name such as mS-DS-ConsistencyGuid'),
    scopeOus: z.array(nonEmpty),
    connectTimeoutSeconds: seconds,
    searchTimeoutSeconds: seconds,
  })
  .partial()
  .strict();

const ldapUrls = z
  .array(
    z.string().regex(LDAP_URL, 'must be ldaps://host[:port] or ldap://host[:port]').check(noUserInfo('ad')),
  )
  .min(1, 'must list at least one server');

/**
 * One AD forest of a profile with several (issue 21): the `ad` settings of its root (or first)
 * domain, plus its name, its Global Catalog and the DCs of its other domains.
 */
export const forestFileSchema = adFileSchema.extend({
  /** The forest root domain's DNS name (contoso.com); read from the rootDSE when omitted. */
  name: z
    .string()
    .regex(DOMAIN_NAME, "must be the forest root domain's DNS name, such as contoso.com")
    .optional(),
  /** ldaps://gc.contoso.com:3269, or ldap://gc.contoso.com:3268 with startTls. */
  globalCatalog: z.object({ urls: ldapUrls, startTls: z.boolean().optional() }).strict().optional(),
  /** The forest's other domains (child domains, other trees): a DC of each, read in full. */
  domains: z
    .array(
      z
        .object({
          name: z.string().regex(DOMAIN_NAME, "must be the domain's DNS name, such as child.contoso.com"),
          urls: ldapUrls,
          startTls: z.boolean().optional(),
          baseDn: nonEmpty.optional(),
        })
        .strict(),
    )
    .optional(),
});

export const tenantFileSchema = z
  .object({
    tenant: z
      .string()
      .refine(
        (t) => GUID.test(t) || DOMAIN_NAME.test(t),
        'must be the tenant id (a GUID) or one of its domains',
      ),
    clientId: z.string().regex(GUID, 'must be the application (client) id, a GUID'),
    signIn: z.enum(SIGN_IN_METHODS, `must be one of ${SIGN_IN_METHODS.join(', ')}`),
    clientSecretFrom: secretRef,
    certificateFile: nonEmpty,
    certificatePasswordFrom: secretRef,
    /** Sovereign clouds (https://login.microsoftonline.us) or a private test authority. */
    authorityHost: httpsUrl,
    /** Sovereign clouds (https://graph.microsoft.us/) or a private test endpoint. */
    graphEndpoint: httpsUrl,
  })
  .partial()
  .strict();

export const sshFileSchema = z
  .object({
    host: nonEmpty.check(noUserInfo('ssh')),
    port: z.number().int().min(1).max(65535),
    username: nonEmpty,
    privateKeyFile: nonEmpty,
    keyPassphraseFrom: secretRef,
    passwordFrom: secretRef,
    /** Use the running ssh-agent (SSH_AUTH_SOCK, or Pageant on Windows). */
    useAgent: z.boolean(),
    hostKeyFingerprints: z.array(
      z.string().regex(SHA256_FINGERPRINT, 'must look like SHA256:… (ssh-keygen -lf)'),
    ),
    knownHostsFile: nonEmpty,
  })
  .partial()
  .strict();

export const syncFileSchema = z
  .object({
    transport: z.enum(TRANSPORTS, `must be one of ${TRANSPORTS.join(', ')}`),
    /** powershell (Windows PowerShell 5.1, where the ADSync module lives) or pwsh. */
    powershell: nonEmpty,
    connectTimeoutSeconds: seconds,
    commandTimeoutSeconds: seconds,
    /** The Connect server's OEM code page (437 US English, 850 Western European …). */
    codePage: nonEmpty,
    ssh: sshFileSchema,
    winrm: z
      .object({
        server: nonEmpty.check(noUserInfo('winrm')),
        useSsl: z.boolean(),
      })
      .partial()
      .strict(),
    command: z
      .object({
        template: z.union([nonEmpty, z.array(z.string()).min(1)]),
        values: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.string()),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

export const profileFileSchema = z
  .object({
    description: z.string().max(200),
    /** A profile that must never write (an audit of a customer's tenant). */
    readOnly: z.boolean(),
    ad: adFileSchema,
    /** Several AD forests (issue 21); a profile with only `ad` has one. */
    forests: z.array(forestFileSchema).min(1, 'must list at least one forest'),
    tenant: tenantFileSchema,
    sync: syncFileSchema,
  })
  .partial()
  .strict();

export const configFileSchema = z
  .object({
    version: z.literal(1),
    defaultProfile: z.string().regex(PROFILE_NAME, 'must be a profile name'),
    profiles: z.record(
      z.string().regex(PROFILE_NAME, 'a profile name is letters, digits, ".", "_" or "-" (up to 64)'),
      profileFileSchema,
    ),
  })
  .partial()
  .strict();

export type ProfileFile = z.infer<typeof profileFileSchema>;
export type ConfigFile = z.infer<typeof configFileSchema>;
export type AdFile = z.infer<typeof adFileSchema>;
export type ForestFile = z.infer<typeof forestFileSchema>;
export type TenantFile = z.infer<typeof tenantFileSchema>;
export type SyncFile = z.infer<typeof syncFileSchema>;

/** The JSON Schema conf validates the file with (draft 2020-12, as conf's ajv expects). */
export function configJsonSchema(): { properties: Record<string, object>; root: Record<string, unknown> } {
  const {
    $schema: _ignored,
    properties,
    ...root
  } = z.toJSONSchema(configFileSchema) as {
    $schema?: string;
    properties: Record<string, object>;
  } & Record<string, unknown>;
  return { properties, root };
}
