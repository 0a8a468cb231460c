#!/usr/bin/env bash
# A real AD domain controller (Samba, LDAP service only, loopback only) for the LDAP adapter tests.
#   bash scripts/test-services/service-samba.sh start   provision (or restore the cached snapshot),
#                                                        start, wait for an authenticated answer,
#                                                        write .tmp/services/samba.json
#   bash scripts/test-services/service-samba.sh stop    stop the DC started here (by its PID)
# Runs as root (samba refuses otherwise). Everything lives under .tmp/samba; /etc/samba and
# /var/lib/samba are never touched. Samba stops by itself after MAX_RUNTIME seconds.
# Facts behind each step: ../shared/notes/samba-ad.md. What both test DCs do alike (start, stop,
# the cached snapshot, TLS): samba-dc-lib.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
HERE=$REPO/scripts/test-services
ROOT=$REPO/.tmp/samba
DC=$ROOT/dc
PIDFILE=$ROOT/samba.pid
SERVICE_FILE=$REPO/.tmp/services/samba.json
REALM=LAB.EXAMPLE
DOMAIN=LAB
BASE_DN=DC=lab,DC=example
# Test-only secrets for a throwaway DC on loopback.
ADMIN_PW='Adm1nPassw0rd!Lab'
USER_PW='UserPassw0rd!'
BIND_SAM=svc-syncmatch
BULK_USERS=${BULK_USERS:-700} # more than one page of the adapter's default 500
SCAN_USERS=${SCAN_USERS:-2000} # the scan test: thousands of users with mailbox attributes (~13 ms each to seed)
MAX_RUNTIME=${MAX_RUNTIME:-5400}
SCHEMA_OPT=(--option="dsdb:schema update allowed=true")
LOG_NAME=samba
IP=127.0.0.1
PORTS=(389 636)
SEED_LDIF=$HERE/samba-seed.ldif
SNAPSHOT_SALT="$BULK_USERS $ADMIN_PW $USER_PW"
SNAPSHOT_EXTRA_FUNCS=scan_ldif
CA_CN='syncmatch Lab Test CA'
DC_CN=dc1.lab.example
SAN='IP:127.0.0.1,DNS:localhost,DNS:dc1.lab.example'
ANSWERING='ldaps://127.0.0.1:636 and ldap://127.0.0.1:389'

extend_schema() {
  # Exchange attributes missing from Samba's schema, with their real OIDs. Two passes: the class
  # change only validates once the new attributes are committed (one pass rolls everything back).
  local S="CN=Schema,CN=Configuration,$BASE_DN"
  ldbmodify -H "$DC/private/sam.ldb" "${SCHEMA_OPT[@]}" >/dev/null <<EOF
dn: CN=ms-Exch-Mail-Nickname,$S
changetype: add
objectClass: attributeSchema
lDAPDisplayName: mailNickname
attributeID: 1.2.840.113556.1.2.447
attributeSyntax: 2.5.5.12
oMSyntax: 64
isSingleValued: TRUE
rangeLower: 1
rangeUpper: 64
searchFlags: 5

dn: CN=ms-Exch-Mailbox-Guid,$S
changetype: add
objectClass: attributeSchema
lDAPDisplayName: msExchMailboxGuid
attributeID: 1.2.840.113556.1.4.7000.102.11058
attributeSyntax: 2.5.5.10
oMSyntax: 4
isSingleValued: TRUE
rangeLower: 16
rangeUpper: 16
searchFlags: 1

dn: CN=ms-Exch-Target-Address,$S
changetype: add
objectClass: attributeSchema
lDAPDisplayName: targetAddress
attributeID: 1.2.840.113556.1.2.352
attributeSyntax: 2.5.5.12
oMSyntax: 64
isSingleValued: TRUE
rangeLower: 1
rangeUpper: 1123
searchFlags: 1
EOF
  ldbmodify -H "$DC/private/sam.ldb" "${SCHEMA_OPT[@]}" >/dev/null <<EOF
dn: CN=Mail-Recipient,$S
changetype: modify
add: mayContain
mayContain: mailNickname
mayContain: msExchMailboxGuid
mayContain: targetAddress
EOF
}

seed() {
  local pw_b64
  pw_b64=$(printf '"%s"' "$USER_PW" | iconv -f utf-8 -t utf-16le | base64 -w0)
  sed "s#@PASSWORD_B64@#$pw_b64#" "$HERE/samba-seed.ldif" |
    ldbadd -H "$DC/private/sam.ldb" --controls=relax:0 >/dev/null
  # Bulk users for paging (disabled, no password: only their count matters).
  local i
  for i in $(seq -w 1 "$BULK_USERS"); do
    printf 'dn: CN=Bulk %s,OU=Bulk,%s\nobjectClass: user\nsAMAccountName: bulk%s\n' "$i" "$BASE_DN" "$i"
    printf 'userPrincipalName: bulk%s@lab.example\nuserAccountControl: 514\n\n' "$i"
  done | ldbadd -H "$DC/private/sam.ldb" >/dev/null
  scan_ldif | ldbadd -H "$DC/private/sam.ldb" >/dev/null
}

# Users for the scan test (test/integration/scan-samba.test.ts builds the cloud side from what it
# reads): mailbox attributes, and by index the on-premises cases a scan must see — a UPN on the
# non-routable lab.local (i%40==5), an address a cloud group will hold (i%50==7), two users sharing
# an address (i%60 in 11,12), a consistency GUID that differs from the objectGUID (i%70==9).
# Disabled, no password: only their attributes matter. In the cached snapshot, so restarts stay fast.
scan_ldif() {
  local i n upn pair
  printf 'dn: OU=Scan,%s\nobjectClass: organizationalUnit\n\n' "$BASE_DN"
  for n in $(seq 1 "$SCAN_USERS"); do
    printf -v i '%04d' "$n" # no command substitution: a fork per user would cost seconds
    upn="scan.$i@lab.example"
    [ $((n % 40)) -eq 5 ] && upn="scan.$i@lab.local"
    printf 'dn: CN=Scan %s,OU=Scan,%s\nobjectClass: user\nsAMAccountName: scan%s\n' "$i" "$BASE_DN" "$i"
    printf 'userPrincipalName: %s\ndisplayName: Scan %s\nmailNickname: scan%s\nuserAccountControl: 514\n' \
      "$upn" "$i" "$i"
    if [ $((n % 40)) -ne 5 ]; then
      printf 'mail: %s\nproxyAddresses: SMTP:%s\nproxyAddresses: smtp:scan%s@lab.example\n' "$upn" "$upn" "$i"
    fi
    [ $((n % 50)) -eq 7 ] && printf 'proxyAddresses: smtp:team-%s@lab.example\n' "$i"
    if [ $((n % 60)) -eq 11 ] || [ $((n % 60)) -eq 12 ]; then
      printf -v pair '%04d' $((n - (n % 60) + 11))
      printf 'proxyAddresses: smtp:desk-%s@lab.example\n' "$pair"
    fi
    if [ $((n % 70)) -eq 9 ]; then
      printf 'mS-DS-ConsistencyGuid:: %s\n' "$(printf 'SCANSCANSCAN%s' "$i" | base64)"
    fi
    printf '\n'
  done
}

provision() {
  rm -rf "$DC"
  mkdir -p "$DC/log"
  make_tls
  samba-tool domain provision --targetdir="$DC" --realm=$REALM --domain=$DOMAIN \
    --server-role=dc --dns-backend=NONE --adminpass="$ADMIN_PW" --host-name=dc1 \
    --option="netbios name=DC1" --option="interfaces=lo" --option="bind interfaces only=yes" \
    --option="server services=ldap" --option="log file=$DC/log/log.%m" \
    --option="tls enabled=yes" --option="tls keyfile=$DC/tls/key.pem" \
    --option="tls certfile=$DC/tls/cert.pem" --option="tls cafile=$DC/tls/ca.pem" \
    -q >"$DC/log/provision.log" 2>&1 || {
    cat "$DC/log/provision.log" >&2
    exit 1
  }
  log "provisioned"
  extend_schema
  log "schema extended (mailNickname, targetAddress, msExchMailboxGuid)"
  seed
  log "seeded (test objects + $BULK_USERS bulk users + $SCAN_USERS scan users)"
}

write_service_file() {
  mkdir -p "$(dirname "$SERVICE_FILE")"
  cat >"$SERVICE_FILE.tmp" <<EOF
{
  "url": "ldaps://127.0.0.1:636",
  "starttlsUrl": "ldap://127.0.0.1:389",
  "caFile": "$DC/tls/ca.pem",
  "baseDn": "$BASE_DN",
  "realm": "$REALM",
  "domain": "$DOMAIN",
  "bindDn": "CN=syncmatch svc,CN=Users,$BASE_DN",
  "bindUpn": "$BIND_SAM@lab.example",
  "bindDomainUser": "$DOMAIN\\\\$BIND_SAM",
  "password": "$USER_PW",
  "scopeOu": "OU=Lab,$BASE_DN",
  "bulkOu": "OU=Bulk,$BASE_DN",
  "bulkUsers": $BULK_USERS,
  "scanOu": "OU=Scan,$BASE_DN",
  "scanUsers": $SCAN_USERS,
  "pid": $(cat "$PIDFILE"),
  "objects": {
    "john": { "guid": "5c29282a-8e00-41ff-b639-dc4da1aa9294", "consistencyGuid": "67452301-ab89-efcd-2a28-295c00fedcba", "dn": "CN=John Doe,OU=Lab,$BASE_DN" },
    "jane": { "guid": "11111111-2222-3333-4444-555555555555", "consistencyGuid": "11111111-2222-3333-4444-555555555555", "dn": "CN=Jane Roe,OU=Lab,$BASE_DN" },
    "obrien": { "guid": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "dn": "CN=Pat O'Brien,OU=Lab,$BASE_DN" },
    "johnny": { "guid": "22222222-3333-4444-5555-666666666666", "dn": "CN=Johnny Dup,OU=Lab,$BASE_DN" },
    "outScope": { "guid": "33333333-4444-5555-6666-777777777777", "dn": "CN=Out Scope,OU=Elsewhere,$BASE_DN" },
    "group": { "guid": "44444444-5555-6666-7777-888888888888", "dn": "CN=Mail Group,OU=Lab,$BASE_DN" },
    "contact": { "guid": "55555555-6666-7777-8888-999999999999", "dn": "CN=Shadow Contact,OU=Lab,$BASE_DN" },
    "bind": { "guid": "66666666-7777-8888-9999-aaaaaaaaaaaa", "dn": "CN=syncmatch svc,CN=Users,$BASE_DN" }
  }
}
EOF
  mv "$SERVICE_FILE.tmp" "$SERVICE_FILE"
}

source "$HERE/samba-dc-lib.sh"
samba_dc_main "$@"
