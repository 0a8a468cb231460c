#!/usr/bin/env bash
# A second real AD forest (Samba, realm NEW.EXAMPLE, LDAP service only) on 127.0.0.2, for the
# multi-forest tests (issue 21): the target forest of a migration from LAB.EXAMPLE.
#   bash scripts/test-services/service-samba-forest2.sh start   provision (or restore the cached
#                                  snapshot), start, wait for an authenticated answer, write
#                                  .tmp/services/samba-forest2.json
#   bash scripts/test-services/service-samba-forest2.sh stop    stop the DC started here (by its PID)
# The same start, stop, snapshot and TLS as service-samba.sh (samba-dc-lib.sh): runs as root, lives
# under .tmp/samba-forest2, never touches /etc/samba or /var/lib/samba, stops after MAX_RUNTIME s.
# Ports 389/636/3268/3269 are fixed, so this DC has its own loopback address (127.0.0.2/8: without
# /8 samba finds no interface) and binds only there; the first forest keeps 127.0.0.1. Its PID file
# and sockets live under .tmp too (the first forest's samba holds /run/samba/samba.pid).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
HERE=$REPO/scripts/test-services
ROOT=$REPO/.tmp/samba-forest2
DC=$ROOT/dc
PIDFILE=$ROOT/samba.pid
SERVICE_FILE=$REPO/.tmp/services/samba-forest2.json
IP=127.0.0.2
REALM=NEW.EXAMPLE
DOMAIN=NEW
BASE_DN=DC=new,DC=example
# Test-only secrets for a throwaway DC on loopback.
ADMIN_PW='Adm1nPassw0rd!New'
USER_PW='UserPassw0rd!'
BIND_SAM=svc-syncmatch
WRITER_SAM=svc-writer
MAX_RUNTIME=${MAX_RUNTIME:-5400}
SCHEMA_OPT=(--option="dsdb:schema update allowed=true")
LOG_NAME=samba-forest2
PORTS=(389 636 3268 3269)
SEED_LDIF=$HERE/samba-forest2-seed.ldif
SNAPSHOT_SALT="$ADMIN_PW $USER_PW"
CA_CN='syncmatch New Forest Test CA'
DC_CN=dc2.new.example
SAN="IP:$IP,DNS:dc2.new.example"
ANSWERING="ldaps://$IP:636, ldap://$IP:389 and the Global Catalog $IP:3268/3269"

# The Exchange attributes the rules read, with their real OIDs (as in service-samba.sh). Unlike
# the first forest, mailNickname is also put in the Global Catalog's partial attribute set, as the
# Exchange schema does (docs/global-catalog.md), so the GC search can match aliases here.
extend_schema() {
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
isMemberOfPartialAttributeSet: TRUE

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
mayContain: targetAddress
EOF
}

seed() {
  local pw_b64
  pw_b64=$(printf '"%s"' "$USER_PW" | iconv -f utf-8 -t utf-16le | base64 -w0)
  sed "s#@PASSWORD_B64@#$pw_b64#" "$HERE/samba-forest2-seed.ldif" |
    ldbadd -H "$DC/private/sam.ldb" --controls=relax:0 >/dev/null
  # The writer may change users (the mS-DS-ConsistencyGuid write test); the reader may not.
  ldbmodify -H "$DC/private/sam.ldb" >/dev/null <<EOF
dn: CN=Domain Admins,CN=Users,$BASE_DN
changetype: modify
add: member
member: CN=syncmatch writer,CN=Users,$BASE_DN
EOF
}

provision() {
  rm -rf "$DC"
  mkdir -p "$DC/log" "$DC/run"
  make_tls
  samba-tool domain provision --targetdir="$DC" --realm=$REALM --domain=$DOMAIN \
    --server-role=dc --dns-backend=NONE --adminpass="$ADMIN_PW" --host-name=dc2 \
    --option="netbios name=DC2" --option="interfaces=$IP/8" --option="bind interfaces only=yes" \
    --option="server services=ldap" --option="log file=$DC/log/log.%m" \
    --option="pid directory=$DC/run" --option="ncalrpc dir=$DC/run/ncalrpc" \
    --option="winbindd socket directory=$DC/run/winbindd" \
    --option="tls enabled=yes" --option="tls keyfile=$DC/tls/key.pem" \
    --option="tls certfile=$DC/tls/cert.pem" --option="tls cafile=$DC/tls/ca.pem" \
    -q >"$DC/log/provision.log" 2>&1 || {
    cat "$DC/log/provision.log" >&2
    exit 1
  }
  log "provisioned"
  extend_schema
  log "schema extended (mailNickname in the partial attribute set, targetAddress)"
  seed
  log "seeded"
}

write_service_file() {
  mkdir -p "$(dirname "$SERVICE_FILE")"
  cat >"$SERVICE_FILE.tmp" <<EOF
{
  "url": "ldaps://$IP:636",
  "starttlsUrl": "ldap://$IP:389",
  "gcUrl": "ldaps://$IP:3269",
  "gcStarttlsUrl": "ldap://$IP:3268",
  "caFile": "$DC/tls/ca.pem",
  "baseDn": "$BASE_DN",
  "realm": "$REALM",
  "domain": "$DOMAIN",
  "dnsDomain": "new.example",
  "bindDn": "CN=syncmatch svc,CN=Users,$BASE_DN",
  "bindUpn": "$BIND_SAM@new.example",
  "bindDomainUser": "$DOMAIN\\\\$BIND_SAM",
  "password": "$USER_PW",
  "writerUpn": "$WRITER_SAM@new.example",
  "writerPassword": "$USER_PW",
  "scopeOu": "OU=Staff,$BASE_DN",
  "pid": $(cat "$PIDFILE"),
  "objects": {
    "john": { "guid": "7e5a0001-0000-4000-8000-00000000a001", "consistencyGuid": "5c29282a-8e00-41ff-b639-dc4da1aa9294", "dn": "CN=John Doe,OU=Staff,$BASE_DN", "upn": "john.doe@new.example", "mail": "john@lab.example" },
    "jane": { "guid": "7e5a0002-0000-4000-8000-00000000a002", "dn": "CN=Jane Roe,OU=Staff,$BASE_DN", "upn": "jane.roe@new.example", "mail": "Jane@Lab.Example" },
    "nina": { "guid": "7e5a0003-0000-4000-8000-00000000a003", "dn": "CN=Nina New,OU=Staff,$BASE_DN", "upn": "nina.new@new.example", "mail": "nina@new.example" },
    "writeTarget": { "guid": "7e5a0004-0000-4000-8000-00000000a004", "dn": "CN=Guid Target,OU=Staff,$BASE_DN", "upn": "guid.target@new.example" },
    "bind": { "guid": "7e5a0005-0000-4000-8000-00000000a005", "dn": "CN=syncmatch svc,CN=Users,$BASE_DN" }
  }
}
EOF
  mv "$SERVICE_FILE.tmp" "$SERVICE_FILE"
}

source "$HERE/samba-dc-lib.sh"
samba_dc_main "$@"
