#!/bin/bash
# A stand-in for powershell.exe / pwsh on an Entra Connect server, for remoting-hook tests. It
# decodes what syncmatch sends (-EncodedCommand: base64 of UTF-16LE, or -Command), records it, and
# answers the three scripts syncmatch runs (src/adapters/remoting/powershell-script.ts) the way
# the real server would: the sync script (Get-ADSyncScheduler, then Start-ADSyncSyncCycle), the
# cycle-status script (SyncCycleInProgress, then Get-ADSyncRunProfileResult) and setup --check's
# scheduler probe. A script without Get-ADSyncScheduler gets only Start-ADSyncSyncCycle's answer.
#
# How it speaks (sources: docs/matching-facts.md §4 and
# https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_powershell_exe
# https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-sync-feature-scheduler):
# by default like Windows PowerShell 5.1 started with redirected streams: stdout in the OEM code
# page (437) with CRLF; every error record, and the "Preparing modules for first use." progress
# record, as CLIXML on stderr ("#< CLIXML" then <Objs>, one <S S="Error"> per line, _x000D__x000A_
# line ends), each error with its exception's stack lines and PowerShell's "At line:" trailer.
# UNVERIFIED: the exact stack frames and the CLSID text come from field reports, not a live server.
#
# "$STATE/mode" holds one line: zero or more options, then the mode (default "success").
# Options:
#   pwsh7      speak like pwsh 7: errors as plain text on stderr with ANSI colour codes, no CLIXML
#   cp850      the server's OEM code page is 850 (Western European) instead of 437
#   wrap       errors wrapped at 60 columns in the middle of words (a narrow console)
# Modes:
#   success                     Result table (CRLF), exit 0; the cycle's runs all "success"
#   result:TEXT                 a Result table whose value is TEXT, exit 0
#   busy                        "Connector: … - AAD is busy." (every call), exit 1
#   busy-then-success:N         busy for the first N sync calls (counted in "$STATE/count")
#   already-running             "Sync is already running. Cannot start a new run till this one completes."
#   already-running-then-success:N
#   in-progress-then-success:N  Get-ADSyncScheduler says SyncCycleInProgress True for N sync calls
#   clixml-busy                 busy (kept for older tests; busy is CLIXML anyway in 5.1)
#   staging                     StagingModeEnabled True (the sync script starts nothing)
#   suspended                   SchedulerSuspended True (upgrade running / wizard open)
#   disabled                    SyncCycleEnabled False; a manual cycle still starts
#   com-denied | denied         not in ADSyncOperators: COM class factory error 80070005, exit 1
#   unknown-cmdlet              ADSync loads neither by name nor by path (not the Connect server)
#   module-path                 ADSync is not on PSModulePath but loads from its install folder
#   export-errors               the cycle starts; its Export run reports completed-export-errors
#   cycle-polls:N               the cycle starts; the status script says in progress for N polls
#                               (counted in "$STATE/polls")
#   localized                   a German Windows PowerShell (cp850): module not found, in German
#   fail:CODE                   "the sync service is not running", exit CODE
#   hang:SECONDS                prints nothing for SECONDS, then exits 0 (timeouts, cancellation)
# Every call appends to "$STATE/calls.log" and writes its argv (NUL-separated) to
# "$STATE/last-argv" and the decoded script to "$STATE/last-script.txt".
STATE=${SYNCMATCH_SHIM_STATE:-__STATE_DIR__}
# Written as the ssh test user, read and reset by the tests (root): everyone may write.
umask 000

printf '%s\0' "$@" >"$STATE/last-argv"
script=""
have_script=0
while [ $# -gt 0 ]; do
  # PowerShell accepts any unambiguous prefix, in any case.
  case "${1,,}" in
    -encodedcommand | -enc | -e | -ec)
      script=$(printf '%s' "${2-}" | base64 -d 2>/dev/null | iconv -f UTF-16LE -t UTF-8) || {
        echo "Cannot process the command because the value specified with -EncodedCommand is not properly encoded." >&2
        exit 64
      }
      have_script=1
      shift 2 ;;
    -command | -c)
      shift
      script="$*"
      have_script=1
      break ;;
    -executionpolicy | -ex | -inputformat | -outputformat | -of | -if) shift 2 ;;
    *) shift ;;
  esac
done
printf '%s' "$script" >"$STATE/last-script.txt"
printf '%s\t%s\n' "$(date +%s.%N)" "$(printf '%s' "$script" | tr '\r\n' '  ')" >>"$STATE/calls.log"

if [ "$have_script" = 0 ]; then
  echo "This stand-in only runs -EncodedCommand or -Command." >&2
  exit 64
fi

line=$(head -n1 "$STATE/mode" 2>/dev/null | tr -d '\r')
read -r -a words <<<"${line:-success}"
mode=${words[-1]:-success}
host=powershell
codepage=CP437
wrap=0
for w in "${words[@]:0:${#words[@]}-1}"; do
  case "$w" in
    pwsh7) host=pwsh7 ;;
    cp850) codepage=CP850 ;;
    wrap) wrap=1 ;;
  esac
done
[ "$mode" = localized ] && codepage=CP850

# --- output ---------------------------------------------------------------------------------
OUT=""
ERRS=()
out() { for l in "$@"; do OUT+="$l"$'\r\n'; done; }
# One error record: its lines as the error view prints them.
err() {
  local record="" l
  for l in "$@"; do record+="$l"$'\n'; done
  ERRS+=("$record")
}
xml() { local s=${1//&/&amp;}; s=${s//</&lt;}; s=${s//>/&gt;}; printf '%s' "$s"; }
wrapped() {
  local l=$1
  if [ "$wrap" = 1 ]; then
    while [ ${#l} -gt 60 ]; do printf '%s\n' "${l:0:60}"; l=${l:60}; done
  fi
  printf '%s\n' "$l"
}
finish() {
  printf '%s' "$OUT" | iconv -f UTF-8 -t "$codepage"
  local stderr="" record l
  if [ "$host" = powershell ]; then
    # The progress record Windows PowerShell 5.1 writes when a module is first loaded.
    stderr+='#< CLIXML'$'\r\n''<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj></Objs>'
    if [ ${#ERRS[@]} -gt 0 ]; then
      stderr+='#< CLIXML'$'\r\n''<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">'
      for record in "${ERRS[@]}"; do
        while IFS= read -r l; do
          while IFS= read -r w; do stderr+="<S S=\"Error\">$(xml "$w")_x000D__x000A_</S>"; done < <(wrapped "$l")
        done <<<"${record%$'\n'}"
      done
      stderr+='</Objs>'
    fi
  else
    for record in "${ERRS[@]}"; do
      while IFS= read -r l; do
        while IFS= read -r w; do stderr+=$'\e[31;1m'"$w"$'\e[0m\r\n'; done < <(wrapped "$l")
      done <<<"${record%$'\n'}"
    done
  fi
  printf '%s' "$stderr" | iconv -f UTF-8 -t "$codepage" >&2
  exit "$1"
}
trailer() { # command, category, error id
  printf '%s\n' 'At line:1 char:1' "+ $1" "+ $(printf '~%.0s' $(seq ${#1}))" \
    "    + CategoryInfo          : $2" "    + FullyQualifiedErrorId : $3"
}
adsync_error() { # cmdlet, exception text, stack line, category, error id
  local cmd=$1
  mapfile -t lines < <(printf '%s\n' "$cmd : $2" "   at $3" "   at SchedulerUtils.StartSyncCycle(SchedulerUtils* , Char* policyType, Int32 interactiveMode)"; trailer "$cmd" "$4" "$5")
  err "${lines[@]}"
}

# --- the server's state -------------------------------------------------------------------------
count() { # counter file → the new count
  local n=$(($(cat "$STATE/$1" 2>/dev/null || echo 0) + 1))
  echo "$n" >"$STATE/$1"
  echo "$n"
}
staging=False
suspended=False
enabled=True
inprogress=False
case "$mode" in
  staging) staging=True ;;
  suspended) suspended=True ;;
  disabled) enabled=False ;;
esac

has() { [[ "$script" == *"$1"* ]]; }
if has Start-ADSyncSyncCycle; then kind=sync
elif has Get-ADSyncRunProfileResult; then kind=status
elif has Get-ADSyncScheduler; then kind=probe
else
  word=${script%% *}
  mapfile -t lines < <(printf '%s\n' "${word} : The term '${word}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."; trailer "$word" "ObjectNotFound: (${word}:String) [], CommandNotFoundException" 'CommandNotFoundException')
  err "${lines[@]}"
  finish 1
fi

case "$mode" in
  hang:*) exec sleep "${mode#hang:}" ;;
esac

# Import-Module ADSync (by name, then by path when the script says so).
by_path=$(has 'ADSync\ADSync.psd1' && echo 1 || echo 0)
module_fail() { # what the script tried last
  local name=ADSync
  [ "$by_path" = 1 ] && name='C:\Program Files\Microsoft Azure AD Sync\Bin\ADSync\ADSync.psd1'
  local text="Import-Module : The specified module '$name' was not loaded because no valid module file was found in any module directory."
  [ "$mode" = localized ] && text="Import-Module : Das angegebene Modul \"$name\" wurde nicht geladen, da in einem Modulverzeichnis keine gültige Moduldatei gefunden wurde."
  mapfile -t lines < <(printf '%s\n' "$text"; trailer "Import-Module $name" "ResourceUnavailable: ($name:String) [Import-Module], FileNotFoundException" 'Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand')
  err "${lines[@]}"
  finish 1
}
if has Import-Module; then
  case "$mode" in
    unknown-cmdlet | localized) module_fail ;;
    module-path) if [ "$by_path" = 1 ]; then out 'ModuleLoadedByPath=True'; else module_fail; fi ;;
  esac
elif [ "$mode" = unknown-cmdlet ]; then
  mapfile -t lines < <(printf '%s\n' "Start-ADSyncSyncCycle : The term 'Start-ADSyncSyncCycle' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."; trailer 'Start-ADSyncSyncCycle -PolicyType Delta' 'ObjectNotFound: (Start-ADSyncSyncCycle:String) [], CommandNotFoundException' 'CommandNotFoundException')
  err "${lines[@]}"
  finish 1
fi

# The first ADSync cmdlet the script calls talks to the sync service: a non-operator fails here.
if [ "$mode" = com-denied ] || [ "$mode" = denied ]; then
  first=Start-ADSyncSyncCycle
  has Get-ADSyncScheduler && first=Get-ADSyncScheduler
  mapfile -t lines < <(printf '%s\n' "$first : Retrieving the COM class factory for remote component with CLSID {835BEE60-8731-4159-8BFF-941301D76D05} from machine SYNC01 failed due to the following error: 80070005 SYNC01." "   at System.RuntimeTypeHandle.CreateInstanceForAnotherGenericParameter(RuntimeType type, RuntimeType genericParameter)"; trailer "$first" "NotSpecified: (:) [$first], UnauthorizedAccessException" "System.UnauthorizedAccessException,Microsoft.IdentityManagement.PowerShell.Cmdlet.$(echo "$first" | tr -d -)")
  err "${lines[@]}"
  finish 1
fi
if [[ "$mode" == fail:* ]]; then
  mapfile -t lines < <(printf '%s\n' 'Start-ADSyncSyncCycle : System.Management.Automation.CmdletInvocationException: The Microsoft Azure AD Sync service is not running.'; trailer 'Start-ADSyncSyncCycle -PolicyType Delta' 'NotSpecified: (:) [Start-ADSyncSyncCycle], CmdletInvocationException' 'System.Management.Automation.CmdletInvocationException')
  err "${lines[@]}"
  finish "${mode#fail:}"
fi

scheduler() {
  out "StagingModeEnabled=$staging" "SchedulerSuspended=$suspended" "SyncCycleEnabled=$enabled" "SyncCycleInProgress=$inprogress"
}
now() { date -u +'%m/%d/%Y %H:%M:%S'; }

if [ "$kind" = probe ]; then
  scheduler
  out 'NextSyncCycleStartTimeInUTC=11/22/2026 03:30:00'
  finish 0
fi

if [ "$kind" = status ]; then
  if [[ "$mode" == cycle-polls:* ]] && [ "$(count polls)" -le "${mode#cycle-polls:}" ]; then
    out 'SyncCycleInProgress=True'
    finish 0
  fi
  out 'SyncCycleInProgress=False'
  t=$(now)
  tab=$'\t'
  export_result=success
  [ "$mode" = export-errors ] && export_result=completed-export-errors
  for run in 'corp.contoso.com|Delta Import|success' 'contoso.onmicrosoft.com - AAD|Delta Import|success' \
    'corp.contoso.com|Delta Synchronization|success' 'contoso.onmicrosoft.com - AAD|Delta Synchronization|success' \
    "contoso.onmicrosoft.com - AAD|Export|$export_result" 'corp.contoso.com|Export|success'; do
    IFS='|' read -r c p r <<<"$run"
    out "Run=$c$tab$p$tab$r$tab$t$tab$t"
  done
  finish 0
fi

# The sync script.
busy_aad='System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.'
busy_running='System.InvalidOperationException: Sync is already running. Cannot start a new run till this one completes.'
busy() {
  adsync_error Start-ADSyncSyncCycle "$1" 'Microsoft.MetadirectoryServices.Scheduler.Scheduler.StartSyncCycle(String overridePolicy, Boolean interactiveMode)' \
    'WriteError: (Microsoft.Ident...ADSyncSyncCycle:StartADSyncSyncCycle) [Start-ADSyncSyncCycle], InvalidOperationException' \
    'System.InvalidOperationException,Microsoft.IdentityManagement.PowerShell.Cmdlet.StartADSyncSyncCycle'
  finish 1
}
case "$mode" in
  in-progress-then-success:*) [ "$(count count)" -le "${mode#in-progress-then-success:}" ] && inprogress=True ;;
esac
if has Get-ADSyncScheduler; then
  scheduler
  if [ "$staging" = True ] || [ "$suspended" = True ] || [ "$inprogress" = True ]; then
    has Stopped= && out 'Stopped=True'
    finish 0
  fi
  has LastRunTicks && out 'LastRunTicks=638999000000000000'
fi
case "$mode" in
  busy | clixml-busy) busy "$busy_aad" ;;
  already-running) busy "$busy_running" ;;
  busy-then-success:*) [ "$(count count)" -le "${mode#busy-then-success:}" ] && busy "$busy_aad" ;;
  already-running-then-success:*) [ "$(count count)" -le "${mode#already-running-then-success:}" ] && busy "$busy_running" ;;
  result:*) out '' 'Result' '------' "${mode#result:}" '' ''; finish 0 ;;
  success | staging | suspended | disabled | module-path | export-errors | cycle-polls:* | in-progress-then-success:*) ;;
  *) err "powershell stand-in: unknown mode '$mode'"; finish 99 ;;
esac
out '' 'Result' '------' 'Success' '' ''
finish 0
