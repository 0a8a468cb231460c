#!/usr/bin/env bash
# A real OpenSSH server on 127.0.0.1 for the remoting-hook tests (ssh transport).
#   bash scripts/test-services/service-sshd.sh start|stop
# Runs as root (.ci/run). Creates the local user syncmatch-ssh (password locked with '*', key
# login only), its own host key, a client key and a second key the server does not know, and a
# `powershell` stand-in (powershell-shim.sh) on that user's PATH.
# Everything the server and its user read (the shim, its state, keys, config, log) lives in a
# directory of its own OUTSIDE the checkout, made by `mktemp -d` under /var/tmp
# (SYNCMATCH_SSHD_BASE overrides /var/tmp) and opened to the test user, and the user's home
# (authorized_keys) is /var/tmp/syncmatch-sshd-home.<user>: a checkout under a 0700 home or a
# `mktemp -d` folder is out of that user's reach, so nothing in it may be needed.
# The tests read .tmp/services/sshd.json (its "dir" names that directory); `stop` kills sshd by
# its PID and removes the directory. sshd stops by itself after SYNCMATCH_SSHD_MAX_RUNTIME seconds
# (default 90 minutes). A start that fails stops what it started and removes what it made.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
JSON=$REPO/.tmp/services/sshd.json
# Written before sshd starts, so a `stop` after a killed `start` still finds the directory.
POINTER=$REPO/.tmp/sshd.dir
USER_NAME=${SYNCMATCH_SSH_USER:-syncmatch-ssh}
MAX_RUNTIME=${SYNCMATCH_SSHD_MAX_RUNTIME:-5400}
BASE=${SYNCMATCH_SSHD_BASE:-/var/tmp}
DIR=

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

# The directory of the instance this checkout started: the descriptor's "dir", else the pointer.
recorded_dir() {
  local d=
  [ -f "$JSON" ] && d=$(sed -n 's/^ *"dir": "\(.*\)",\{0,1\}$/\1/p' "$JSON")
  [ -z "$d" ] && [ -f "$POINTER" ] && d=$(cat "$POINTER")
  echo "$d"
}

# Removes only a directory this script made (its name pattern, under the base, owned by root).
remove_dir() {
  local d=$1
  case "$d" in "$BASE"/syncmatch-sshd.* | /var/tmp/syncmatch-sshd.*) ;; *) return 0 ;; esac
  [ -d "$d" ] && [ "$(stat -c %u "$d")" = 0 ] && rm -rf "$d"
  return 0
}

stop() {
  local d
  d=$(recorded_dir)
  if [ -n "$d" ]; then
    kill_pidfile "$d/sshd.mainpid"
    remove_dir "$d"
  fi
  # An instance started by an older version of this script kept everything in .tmp/sshd.
  kill_pidfile "$REPO/.tmp/sshd/sshd.mainpid"
  rm -f "$JSON" "$POINTER"
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
  mkdir -p "$BASE" "$REPO/.tmp/services"
  DIR=$(mktemp -d "$BASE/syncmatch-sshd.XXXXXX")
  echo "$DIR" >"$POINTER"
  # Until the descriptor is written, any failure stops sshd and removes the directory.
  trap 'rc=$?; if [ "$rc" != 0 ]; then stop >/dev/null 2>&1 || true; fi; exit "$rc"' EXIT
  # sshd (as the test user) must reach its home, the shim and the state dir.
  chmod 755 "$DIR"
  mkdir -p "$DIR/bin"
  install -d -m 0755 /run/sshd # compiled-in privilege-separation dir; sshd refuses to start without it

  [ -f "$DIR/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C syncmatch-test-host -f "$DIR/host_ed25519"
  [ -f "$DIR/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C syncmatch-test-client -f "$DIR/client_ed25519"
  [ -f "$DIR/wrong_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C syncmatch-test-wrong -f "$DIR/wrong_ed25519"

  # The home stays the same from run to run: `usermod -d` refuses while the user still has a
  # process (a test's shim can outlive its session by seconds), so it runs only when it differs.
  local home=$BASE/syncmatch-sshd-home.$USER_NAME
  id "$USER_NAME" >/dev/null 2>&1 || useradd -M -d "$home" -s /bin/bash "$USER_NAME"
  # useradd leaves the password '!' (locked): with UsePAM no, sshd refuses a locked account even
  # for key login. '*' = no password, not locked.
  usermod -p '*' -s /bin/bash "$USER_NAME"
  [ "$(getent passwd "$USER_NAME" | cut -d: -f6)" = "$home" ] || usermod -d "$home" "$USER_NAME"
  rm -rf "$home"
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
# The parents of the base directory (/var/tmp) are not ours to judge.
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
    echo "sshd did not accept the test key on 127.0.0.1:$port" >&2
    exit 1
  fi
  rm -f "$DIR/state/"*

  local fp
  fp=$(ssh-keygen -l -E sha256 -f "$DIR/host_ed25519.pub" | cut -d' ' -f2)
  chmod 644 "$DIR/client_ed25519" "$DIR/wrong_ed25519" # read by the tests, whoever runs them
  cat >"$JSON.tmp" <<JSON_
{
  "host": "127.0.0.1",
  "port": $port,
  "username": "$USER_NAME",
  "privateKeyFile": "$DIR/client_ed25519",
  "wrongKeyFile": "$DIR/wrong_ed25519",
  "hostKeyFingerprint": "$fp",
  "knownHostsFile": "$known",
  "stateDir": "$DIR/state",
  "dir": "$DIR",
  "pid": $pid
}
JSON_
  mv "$JSON.tmp" "$JSON"
  trap - EXIT
  log "pid $pid on 127.0.0.1:$port, user $USER_NAME, host key $fp (stops by itself after ${MAX_RUNTIME}s)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
