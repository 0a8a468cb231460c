# What the two test DCs (service-samba.sh: LAB.EXAMPLE on 127.0.0.1; service-samba-forest2.sh:
# NEW.EXAMPLE on 127.0.0.2) do alike: the PID check, the cached snapshot, the TLS certificates,
# start and wait for an authenticated answer, stop. Sourced by each, which first sets:
#   LOG_NAME ROOT DC PIDFILE SERVICE_FILE IP PORTS(array) DOMAIN BASE_DN BIND_SAM USER_PW
#   MAX_RUNTIME SEED_LDIF SNAPSHOT_SALT CA_CN DC_CN SAN ANSWERING
# and defines extend_schema, seed, provision and write_service_file (what differs between them).
# Facts behind each step: ../shared/notes/samba-ad.md.

log() { printf '[%s] %s\n' "$LOG_NAME" "$*" >&2; }

running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local p
  p=$(cat "$PIDFILE")
  kill -0 "$p" 2>/dev/null || return 1
  # Only a samba (it rewrites its command line to "samba: root process", so check the binary).
  [ "$(readlink -f "/proc/$p/exe" 2>/dev/null)" = "$(readlink -f "$(command -v samba)")" ] || return 1
  echo "$p"
}

# The snapshot is valid for these provisioning steps, this seed and this checkout path (smb.conf
# holds absolute paths). Edits elsewhere keep the cache.
snapshot_file() {
  local key
  # shellcheck disable=SC2086 # SNAPSHOT_EXTRA_FUNCS is a list of function names
  key=$( (declare -f make_tls extend_schema seed provision ${SNAPSHOT_EXTRA_FUNCS:-}; cat "$SEED_LDIF"
    echo "$REPO $SNAPSHOT_SALT") | sha256sum | cut -c1-16)
  echo "$ROOT/snapshot-$key.tgz"
}

make_tls() {
  local d=$DC/tls
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/ca.key" -out "$d/ca.pem" -days 3650 \
    -subj "/CN=$CA_CN" -addext 'basicConstraints=critical,CA:TRUE' \
    -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout "$d/key.pem" -out "$d/req.csr" \
    -subj "/CN=$DC_CN" 2>/dev/null
  openssl x509 -req -in "$d/req.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days 3650 \
    -out "$d/cert.pem" -extfile <(printf '%s\n' "subjectAltName=$SAN" \
      'extendedKeyUsage=serverAuth' 'keyUsage=critical,digitalSignature,keyEncipherment') 2>/dev/null
  # samba exits if the key is readable by others ("has 0644 should be 0600").
  chmod 600 "$d/key.pem" "$d/ca.key"
  rm -f "$d/req.csr"
}

do_start() {
  if running_pid >/dev/null; then
    [ -f "$SERVICE_FILE" ] || write_service_file
    log "already running (pid $(cat "$PIDFILE"))"
    return
  fi
  [ "$(id -u)" = 0 ] || {
    log "must run as root (samba refuses to start otherwise)"
    exit 1
  }
  command -v samba >/dev/null || {
    log "samba is not installed: run scripts/test-services/install-packages.sh"
    exit 1
  }
  # Someone else's LDAP server on these fixed ports would answer our readiness probe.
  local port
  for port in "${PORTS[@]}"; do
    if (exec 3<>"/dev/tcp/$IP/$port") 2>/dev/null; then
      log "another process listens on $IP:$port; stop it first"
      exit 1
    fi
  done
  rm -f "$SERVICE_FILE"
  mkdir -p "$ROOT"
  local snap
  snap=$(snapshot_file)
  if [ -f "$snap" ]; then
    rm -rf "$DC"
    tar -C "$ROOT" -xzf "$snap"
    log "restored $(basename "$snap")"
  else
    rm -f "$ROOT"/snapshot-*.tgz
    provision
    tar -C "$ROOT" -czf "$snap.tmp" dc && mv "$snap.tmp" "$snap"
    log "cached $(basename "$snap")"
  fi
  rm -f "$DC/log/samba.out"
  # -F: foreground without quitting on stdin EOF (unlike -i); --maximum-runtime: stops by itself.
  samba -s "$DC/etc/smb.conf" -F --no-process-group --debug-stdout -d1 \
    --maximum-runtime="$MAX_RUNTIME" >"$DC/log/samba.out" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  # From here on a failed start stops the DC it started (do_stop waits for it and removes the
  # PID file) instead of leaving it running until --maximum-runtime.
  trap 'rc=$?; if [ "$rc" != 0 ]; then do_stop || true; fi; exit "$rc"' EXIT
  local pid i
  pid=$(cat "$PIDFILE")
  for i in $(seq 1 300); do
    if ldbsearch -H "ldap://$IP" -U "$DOMAIN\\$BIND_SAM%$USER_PW" -b "$BASE_DN" -s base \
      dn >/dev/null 2>&1; then
      write_service_file
      trap - EXIT
      log "pid $pid answering on $ANSWERING (stops itself after ${MAX_RUNTIME}s)"
      return
    fi
    kill -0 "$pid" 2>/dev/null || {
      cat "$DC/log/samba.out" >&2
      log "samba exited (is another LDAP server on $IP:389/636?)"
      exit 1
    }
    sleep 0.1
  done
  cat "$DC/log/samba.out" >&2
  log "samba did not answer within 30 s"
  exit 1
}

do_stop() {
  rm -f "$SERVICE_FILE"
  local p
  p=$(running_pid) || {
    rm -f "$PIDFILE"
    return 0
  }
  kill -TERM "$p"
  for _ in $(seq 1 100); do
    kill -0 "$p" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p"
  rm -f "$PIDFILE"
  log "stopped pid $p"
}

samba_dc_main() {
  case "${1:-}" in
    start) do_start ;;
    stop) do_stop ;;
    *)
      echo "usage: $0 start|stop" >&2
      exit 2
      ;;
  esac
}
