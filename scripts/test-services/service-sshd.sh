#!/usr/bin/env bash
# A real OpenSSH server on 127.0.0.1 for the remoting-hook tests (ssh transport).
#   bash scripts/test-services/service-sshd.sh start|stop
# Runs as root (.ci/run). Creates the local user syncmatch-ssh (password locked with '*', key
# login only), its own host key, a client key and a second key the server does not know, and a
# `powershell` stand-in (powershell-shim.sh) on that user's PATH. Everything lives in
# .tmp/sshd; the tests read .tmp/services/sshd.json. sshd stops by itself after
# SYNCMATCH_SSHD_MAX_RUNTIME seconds (default 90 minutes) and `stop` kills it by its PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
DIR=$REPO/.tmp/sshd
JSON=$REPO/.tmp/services/sshd.json
USER_NAME=${SYNCMATCH_SSH_USER:-syncmatch-ssh}
MAX_RUNTIME=${SYNCMATCH_SSHD_MAX_RUNTIME:-5400}

log() { printf '[sshd] %s\n' "$*"; }

# Running, and not a zombie waiting for a parent that does not reap (containers without init).
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]; }

kill_pidfile() {
  local f=$1 p
  [ -f "$f" ] || return 0
  p=$(cat "$f")
  if alive "$p"; then
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$p" || break; sleep 0.1; done
    if alive "$p"; then kill -KILL "$p" 2>/dev/null || true; fi
  fi
  rm -f "$f"
}

stop() {
  kill_pidfile "$DIR/sshd.mainpid"
  rm -f "$JSON"
  log "stopped"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local p
  for p in ${SYNCMATCH_SSHD_PORT:-} 2222 2223 2224 2225 2226 2227 2228 2229; do
    [ -n "$p" ] && port_free "$p" && { echo "$p"; return; }
  done
  # Any free port the kernel hands out.
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
    { echo "no free port for sshd" >&2; exit 1; }
}

start() {
  [ "$(id -u)" = 0 ] || { echo "service-sshd.sh needs root (it creates a local user and runs sshd)" >&2; exit 1; }
  [ -x /usr/sbin/sshd ] || { echo "openssh-server is not installed (scripts/test-services/install-packages.sh)" >&2; exit 1; }
  stop >/dev/null
  mkdir -p "$DIR/bin" "$REPO/.tmp/services"
  # sshd (as the test user) must reach the shim and the state dir.
  chmod 755 "$REPO/.tmp" "$DIR"
  install -d -m 0755 /run/sshd # compiled-in privilege-separation dir; sshd refuses to start without it

  [ -f "$DIR/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C syncmatch-test-host -f "$DIR/host_ed25519"
  [ -f "$DIR/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C syncmatch-test-client -f "$DIR/client_ed25519"
  [ -f "$DIR/wrong_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C syncmatch-test-wrong -f "$DIR/wrong_ed25519"

  local home=$DIR/home
  id "$USER_NAME" >/dev/null 2>&1 || useradd -M -d "$home" -s /bin/bash "$USER_NAME"
  # useradd leaves the password '!' (locked): with UsePAM no, sshd refuses a locked account even
  # for key login. '*' = no password, not locked.
  usermod -p '*' -d "$home" -s /bin/bash "$USER_NAME"
  install -d -m 0755 -o "$USER_NAME" -g "$USER_NAME" "$home"
  install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$home/.ssh"
  install -m 0600 -o "$USER_NAME" -g "$USER_NAME" "$DIR/client_ed25519.pub" "$home/.ssh/authorized_keys"
  # The tests (root) choose the shim's behaviour here; the shim (test user) counts calls here.
  install -d -m 0777 "$DIR/state"
  rm -f "$DIR/state/"*

  sed "s#__STATE_DIR__#$DIR/state#" scripts/test-services/powershell-shim.sh >"$DIR/bin/powershell"
  chmod 755 "$DIR/bin/powershell"
  ln -sf powershell "$DIR/bin/pwsh"

  local port
  port=$(pick_port)
  cat >"$DIR/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $DIR/host_ed25519
PidFile $DIR/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys
AllowUsers $USER_NAME
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
# The checkout's parent directories are not ours to judge.
StrictModes no
X11Forwarding no
AllowTcpForwarding no
PermitTTY no
PrintMotd no
MaxStartups 50
LogLevel VERBOSE
SetEnv PATH=$DIR/bin:/usr/local/bin:/usr/bin:/bin
CONF
  # OpenSSH >= 9.8 penalises sources that fail to authenticate; the wrong-key test would lock out
  # 127.0.0.1 for the rest of the run.
  printf 'PerSourcePenalties no\n' >>"$DIR/sshd_config"
  /usr/sbin/sshd -t -f "$DIR/sshd_config" 2>/dev/null || sed -i '/^PerSourcePenalties/d' "$DIR/sshd_config"
  /usr/sbin/sshd -t -f "$DIR/sshd_config"

  # Absolute path: sshd re-executes itself. -D -e: foreground, log to stderr. `timeout` is the
  # watchdog (sshd never outlives a forgotten `stop`) and passes our SIGTERM on to sshd.
  setsid timeout --kill-after=10 "$MAX_RUNTIME" /usr/sbin/sshd -D -e -f "$DIR/sshd_config" \
    >"$DIR/sshd.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$DIR/sshd.mainpid"

  chmod 600 "$DIR/client_ed25519" "$DIR/wrong_ed25519" # OpenSSH refuses readable keys
  local known=$DIR/known_hosts
  printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$DIR/host_ed25519.pub")" >"$known"
  local ok=0
  for _ in $(seq 1 100); do
    if ssh -i "$DIR/client_ed25519" -p "$port" -o BatchMode=yes -o IdentitiesOnly=yes \
      -o UserKnownHostsFile="$known" -o StrictHostKeyChecking=yes -o LogLevel=ERROR \
      "$USER_NAME@127.0.0.1" true 2>/dev/null; then
      ok=1
      break
    fi
    alive "$pid" || break
    sleep 0.1
  done
  if [ "$ok" != 1 ]; then
    cat "$DIR/sshd.log" >&2
    stop >/dev/null
    echo "sshd did not accept the test key on 127.0.0.1:$port" >&2
    exit 1
  fi
  rm -f "$DIR/state/"*

  local fp
  fp=$(ssh-keygen -l -E sha256 -f "$DIR/host_ed25519.pub" | cut -d' ' -f2)
  chmod 644 "$DIR/client_ed25519" "$DIR/wrong_ed25519" # read by the tests, whoever runs them
  cat >"$JSON" <<JSON_
{
  "host": "127.0.0.1",
  "port": $port,
  "username": "$USER_NAME",
  "privateKeyFile": "$DIR/client_ed25519",
  "wrongKeyFile": "$DIR/wrong_ed25519",
  "hostKeyFingerprint": "$fp",
  "knownHostsFile": "$known",
  "stateDir": "$DIR/state",
  "pid": $pid
}
JSON_
  log "pid $pid on 127.0.0.1:$port, user $USER_NAME, host key $fp (stops by itself after ${MAX_RUNTIME}s)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
