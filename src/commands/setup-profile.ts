// Between the setup wizard's answers (plain strings) and a profile in the config file, both ways,
// plus the checks each answer gets and the summary shown before saving. Settings the wizard does
// not ask about (timeouts, an ssh key passphrase, a sovereign cloud) are kept as they were.
import { existsSync } from 'node:fs';
import { describePermissions, neededPermissions } from '../adapters/auth/index.js';
import type { ProfileFile } from '../adapters/config/index.js';
import {
  DOMAIN_NAME,
  GUID,
  LDAP_ATTRIBUTE,
  LDAP_URL,
  PROFILE_NAME,
  SHA256_FINGERPRINT,
} from '../adapters/config/schema.js';
import { hasUserInfo, userInfoMessage } from '../adapters/config/url-credentials.js';
import { describeSecretRef, parseSecretRef } from '../adapters/secrets/index.js';
import type { SetupAnswers } from '../ui/setup/questions.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BIND_FORMS = /^[^@\s]+@[^@\s]+$|^[^\\\s]+\\[^\\]+$|=/;

function splitUrls(text: string, encryption: string): string[] {
  const scheme = encryption === 'starttls' ? 'ldap://' : 'ldaps://';
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((u) => (/^[a-z]+:\/\//i.test(u) ? u : `${scheme}${u}`));
}

/** A sentence when an answer cannot be used; null when it can. */
export function validateAnswer(id: string, value: string, answers: SetupAnswers): string | null {
  switch (id) {
    case 'profile':
      return PROFILE_NAME.test(value)
        ? null
        : 'Use letters, digits, ".", "_" or "-" (up to 64), e.g. contoso.';
    case 'adUrls': {
      const starttls = answers.adEncryption === 'starttls';
      for (const url of splitUrls(value, answers.adEncryption ?? 'ldaps')) {
        // Never quoted back: the part before "@" may be a password.
        if (hasUserInfo(url)) return `The server address ${userInfoMessage('ad')}.`;
        if (!LDAP_URL.test(url))
          return `${url} is not a server address: give a host name, host:port or ldaps://host.`;
        const plain = /^ldap:\/\//i.test(url);
        if (plain && !starttls) {
          return `${url} is plain LDAP, but you chose LDAPS: write the name alone (or ldaps://…), or go back (Esc) and choose StartTLS. A password never crosses the network unencrypted; the DC would refuse it too ("Transport encryption required").`;
        }
        if (!plain && starttls) {
          return `${url} is LDAPS, but you chose StartTLS: write the name alone (or ldap://…), or go back (Esc) and choose LDAPS.`;
        }
      }
      return null;
    }
    case 'adCaFile':
    case 'certificateFile':
    case 'bindPasswordFile':
    case 'clientSecretFile':
    case 'certificatePasswordFile':
    case 'sshPasswordFile':
    case 'sshKey':
      return existsSync(value) ? null : `There is no file ${value}.`;
    case 'bindIdentity':
      return BIND_FORMS.test(value) ? null : 'Give a UPN (svc@contoso.com), DOMAIN\\user or a DN.';
    case 'bindPasswordEnv':
    case 'clientSecretEnv':
    case 'certificatePasswordEnv':
    case 'sshPasswordEnv':
      return ENV_NAME.test(value)
        ? null
        : 'A variable name is letters, digits and "_", not the secret itself.';
    case 'baseDn':
      return value.includes('=') ? null : 'A DN looks like DC=contoso,DC=com.';
    case 'anchorOther':
      return LDAP_ATTRIBUTE.test(value) ? null : 'An LDAP attribute name such as employeeID.';
    case 'scopeOus':
      return value.split(';').every((ou) => ou.trim().includes('='))
        ? null
        : 'Give OU DNs (OU=Staff,DC=contoso,DC=com), separated by ";".';
    case 'tenant':
      return GUID.test(value) || DOMAIN_NAME.test(value)
        ? null
        : 'Give the tenant id (a GUID) or a domain such as contoso.onmicrosoft.com.';
    case 'clientId':
      return GUID.test(value)
        ? null
        : 'The application (client) id is a GUID (Entra admin center > App registrations).';
    case 'sshHost':
      return hasUserInfo(value) ? `The host name ${userInfoMessage('ssh')}.` : null;
    case 'winrmServer':
      return hasUserInfo(value) ? `The server name ${userInfoMessage('winrm')}.` : null;
    case 'sshPort': {
      const n = Number(value);
      return Number.isInteger(n) && n >= 1 && n <= 65535 ? null : 'A port is a number from 1 to 65535.';
    }
    case 'sshHostKey':
      return SHA256_FINGERPRINT.test(value) || existsSync(value)
        ? null
        : 'Give the SHA256:… fingerprint (ssh-keygen -lf on the server) or the path of a known_hosts file.';
    default:
      return null;
  }
}

function secretRef(a: SetupAnswers, id: string): string | undefined {
  switch (a[`${id}Source`]) {
    case 'prompt':
      return 'prompt';
    case 'env':
      return `env:${a[`${id}Env`]}`;
    case 'file':
      return `file:${a[`${id}File`]}`;
    default:
      return undefined;
  }
}

function sourceAnswers(id: string, ref: string | undefined, defaultSource: string): SetupAnswers {
  if (!ref) return { [`${id}Source`]: defaultSource };
  if (ref === 'prompt') return { [`${id}Source`]: 'prompt' };
  if (ref.startsWith('env:')) return { [`${id}Source`]: 'env', [`${id}Env`]: ref.slice(4) };
  return { [`${id}Source`]: 'file', [`${id}File`]: ref.slice(5) };
}

const clean = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

/** The profile the answers describe, keeping what the wizard does not ask about. */
export function profileFromAnswers(a: SetupAnswers, existing: ProfileFile = {}): ProfileFile {
  const hostKey = a.sshHostKey ?? '';
  const ad = clean({
    ...existing.ad,
    urls: splitUrls(a.adUrls ?? '', a.adEncryption ?? 'ldaps'),
    startTls: a.adEncryption === 'starttls',
    caFile: a.adCaFile || undefined,
    bindIdentity: a.bindIdentity,
    passwordFrom: secretRef(a, 'bindPassword'),
    baseDn: a.baseDn || undefined,
    anchorAttribute: a.anchor === 'other' ? a.anchorOther : a.anchor,
    scopeOus: a.scopeOus
      ? a.scopeOus
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
  });
  if (!a.baseDn) delete ad.baseDn;
  if (!a.adCaFile) delete ad.caFile;
  if (!a.scopeOus) delete ad.scopeOus;
  const signIn = a.signIn as NonNullable<ProfileFile['tenant']>['signIn'];
  const tenant = clean({
    ...existing.tenant,
    tenant: a.tenant,
    signIn,
    clientId: signIn === 'azure-cli' ? undefined : a.clientId,
    clientSecretFrom: signIn === 'client-secret' ? secretRef(a, 'clientSecret') : undefined,
    certificateFile: signIn === 'client-certificate' ? a.certificateFile : undefined,
    certificatePasswordFrom:
      signIn === 'client-certificate' ? secretRef(a, 'certificatePassword') : undefined,
  });
  for (const key of ['clientId', 'clientSecretFrom', 'certificateFile', 'certificatePasswordFrom'] as const) {
    if (tenant[key] === undefined) delete tenant[key];
  }
  const transport = a.transport as NonNullable<ProfileFile['sync']>['transport'];
  const sync: NonNullable<ProfileFile['sync']> = { ...existing.sync, transport };
  if (transport === 'ssh') {
    const ssh = clean({
      ...existing.sync?.ssh,
      host: a.sshHost,
      port: a.sshPort ? Number(a.sshPort) : undefined,
      username: a.sshUser,
      privateKeyFile: a.sshKey || undefined,
      passwordFrom: secretRef(a, 'sshPassword'),
      hostKeyFingerprints: SHA256_FINGERPRINT.test(hostKey) ? [hostKey] : undefined,
      knownHostsFile: hostKey && !SHA256_FINGERPRINT.test(hostKey) ? hostKey : undefined,
    });
    for (const key of ['privateKeyFile', 'passwordFrom', 'hostKeyFingerprints', 'knownHostsFile'] as const) {
      if (ssh[key] === undefined) delete ssh[key];
    }
    sync.ssh = ssh;
  }
  if (transport === 'winrm')
    sync.winrm = { ...existing.sync?.winrm, server: a.winrmServer ?? '', useSsl: a.winrmSsl === 'yes' };
  if (transport === 'command') sync.command = { ...existing.sync?.command, template: a.syncCommand ?? '' };
  return { ...existing, ad, tenant, sync };
}

/** The answers that reproduce a profile (to prefill the wizard). */
export function answersFromProfile(name: string, p: ProfileFile = {}): SetupAnswers {
  const urls = p.ad?.urls ?? [];
  const anchor = p.ad?.anchorAttribute ?? 'mS-DS-ConsistencyGuid';
  const known = ['mS-DS-ConsistencyGuid', 'objectGUID'].includes(anchor);
  const ssh = p.sync?.ssh;
  const raw: SetupAnswers = {
    profile: name,
    adEncryption: p.ad?.startTls ? 'starttls' : 'ldaps',
    adUrls: urls.join(', '),
    adCaFile: p.ad?.caFile ?? '',
    bindIdentity: p.ad?.bindIdentity ?? '',
    ...sourceAnswers('bindPassword', p.ad?.passwordFrom, 'prompt'),
    baseDn: p.ad?.baseDn ?? '',
    anchor: known ? anchor : 'other',
    ...(known ? {} : { anchorOther: anchor }),
    scopeOus: (p.ad?.scopeOus ?? []).join('; '),
    tenant: p.tenant?.tenant ?? '',
    signIn: p.tenant?.signIn ?? 'device-code',
    clientId: p.tenant?.clientId ?? '',
    ...sourceAnswers('clientSecret', p.tenant?.clientSecretFrom, 'env'),
    certificateFile: p.tenant?.certificateFile ?? '',
    ...sourceAnswers('certificatePassword', p.tenant?.certificatePasswordFrom, 'none'),
    transport: p.sync?.transport ?? 'ssh',
    sshHost: ssh?.host ?? '',
    sshPort: ssh?.port ? String(ssh.port) : '',
    sshUser: ssh?.username ?? '',
    sshKey: ssh?.privateKeyFile ?? '',
    sshHostKey: ssh?.hostKeyFingerprints?.[0] ?? ssh?.knownHostsFile ?? '',
    ...sourceAnswers('sshPassword', ssh?.passwordFrom, 'none'),
    winrmServer: p.sync?.winrm?.server ?? '',
    winrmSsl: p.sync?.winrm?.useSsl ? 'yes' : 'no',
    syncCommand: Array.isArray(p.sync?.command?.template)
      ? p.sync.command.template.join(' ')
      : (p.sync?.command?.template ?? ''),
  };
  // Empty text answers are left out, so a question's own default shows instead.
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
}

const secret = (ref: string | undefined): string =>
  ref ? describeSecretRef(parseSecretRef(ref, 'secret')) : 'asked on the terminal each run (masked)';

/** What a profile says, in a few lines (after setup, and on the review screen). */
export function describeProfile(
  p: ProfileFile,
  options: { readOnly?: boolean; compact?: boolean } = {},
): string[] {
  const lines: string[] = [];
  if (p.ad?.urls?.length) {
    lines.push(
      `AD          ${p.ad.urls.join(', ')}${p.ad.startTls ? ' with StartTLS' : ''}; CA ${p.ad.caFile ?? "this computer's"}; ` +
        `bind ${p.ad.bindIdentity ?? '?'}, password ${secret(p.ad.passwordFrom)} (SYNCMATCH_LDAP_PASSWORD wins when set); base DN ${p.ad.baseDn ?? 'from the rootDSE'}; ` +
        `anchor ${p.ad.anchorAttribute ?? 'mS-DS-ConsistencyGuid'}; scope ${p.ad.scopeOus?.length ? p.ad.scopeOus.join('; ') : 'the whole domain'}`,
    );
  }
  for (const f of p.forests ?? []) {
    // Several forests (issue 21): one line each, with its Global Catalog and other domains.
    const gc = f.globalCatalog
      ? `GC ${f.globalCatalog.urls.join(', ')}${f.globalCatalog.startTls ? ' with StartTLS' : ''}`
      : 'no GC';
    const domains = f.domains?.length
      ? `; domains ${f.domains.map((d) => `${d.name} (${d.urls.join(', ')})`).join(', ')}`
      : '';
    lines.push(
      `Forest      ${f.name ?? '(named when it connects)'}: ${(f.urls ?? []).join(', ')}${f.startTls ? ' with StartTLS' : ''}; ${gc}${domains}; ` +
        `bind ${f.bindIdentity ?? '?'}, password ${secret(f.passwordFrom)}; anchor ${f.anchorAttribute ?? 'mS-DS-ConsistencyGuid'}; ` +
        `scope ${f.scopeOus?.length ? f.scopeOus.join('; ') : 'the whole forest'}`,
    );
  }
  if (p.tenant?.tenant) {
    const t = p.tenant;
    const how =
      t.signIn === 'client-secret'
        ? `client secret ${secret(t.clientSecretFrom ?? 'env:SYNCMATCH_CLIENT_SECRET')}`
        : t.signIn === 'client-certificate'
          ? `certificate ${t.certificateFile}`
          : `sign-in by ${t.signIn ?? 'device-code'}`;
    lines.push(`Tenant      ${t.tenant}; ${how}${t.clientId ? `; app ${t.clientId}` : ''}`);
    const delegated = ['device-code', 'browser', undefined].includes(t.signIn);
    const readOnly = Boolean(options.readOnly || p.readOnly);
    const head = `Permissions ${readOnly ? '(read-only) ' : ''}${delegated ? 'asked for at sign-in' : 'to grant the app'}:`;
    if (options.compact) {
      const needed = neededPermissions({ readOnly });
      const reads = needed.filter((x) => !x.write).map((x) => x.permission);
      const writes = needed.filter((x) => x.write).map((x) => x.permission);
      lines.push(`${head} ${reads.join(', ')}${writes.length ? `; for fixes ${writes.join(', ')}` : ''}`);
    } else {
      lines.push(head);
      for (const line of describePermissions({ readOnly, delegated })) lines.push(`              ${line}`);
    }
  }
  const s = p.sync;
  if (s?.transport === 'ssh' && s.ssh) {
    const pin = s.ssh.hostKeyFingerprints?.[0] ?? s.ssh.knownHostsFile ?? '~/.ssh/known_hosts';
    lines.push(
      `Sync server ssh ${s.ssh.username ?? '?'}@${s.ssh.host ?? '?'}:${s.ssh.port ?? 22}; host key ${pin}`,
    );
  } else if (s?.transport === 'winrm')
    lines.push(`Sync server WinRM to ${s.winrm?.server ?? '?'}${s.winrm?.useSsl ? ' over HTTPS' : ''}`);
  else if (s?.transport === 'command')
    lines.push(`Sync server command ${JSON.stringify(s.command?.template ?? '')}`);
  else if (s?.transport)
    lines.push(`Sync server ${s.transport === 'none' ? 'none: you start the sync yourself' : s.transport}`);
  return lines;
}
