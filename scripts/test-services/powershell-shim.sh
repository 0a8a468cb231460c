#!/bin/bash
# A stand-in for powershell.exe / pwsh, for remoting-hook tests. It decodes what syncmatch sends
# (-EncodedCommand: base64 of UTF-16LE, or -Command), records it, and answers like
# `Start-ADSyncSyncCycle -PolicyType Delta` on an Entra Connect server would.
#
# The behaviour comes from "$STATE/mode" (one line; default "success"):
#   success               Result table (CRLF), exit 0
#   busy                  "… AAD is busy." on stderr, exit 1 (every call)
#   busy-then-success:N   busy for the first N calls (counted in "$STATE/count"), then success
#   unknown-cmdlet        the module/cmdlet is missing, exit 1
#   denied                access denied (not in ADSyncOperators), exit 1
#   fail:CODE             another error on stderr, exit CODE
#   clixml-busy           busy, written as CLIXML on stderr (as powershell.exe does for
#                         -EncodedCommand when its streams are not a console), exit 1
#   result:TEXT           a Result table whose value is TEXT, exit 0
#   hang:SECONDS          prints nothing for SECONDS, then exits 0 (timeouts, cancellation)
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

mode=$(head -n1 "$STATE/mode" 2>/dev/null | tr -d '\r')
mode=${mode:-success}

crlf() { printf '%s\r\n' "$@"; }
result_table() { crlf '' 'Result' '------' "$1" '' ''; }
busy_text='Start-ADSyncSyncCycle : System.InvalidOperationException: Connector: contoso.onmicrosoft.com - AAD is busy.'
error_trailer() {
  crlf 'At line:1 char:1' "+ $1" '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~' \
    "    + CategoryInfo          : $2" "    + FullyQualifiedErrorId : $3" ''
}
busy() {
  crlf "$busy_text" >&2
  error_trailer 'Start-ADSyncSyncCycle -PolicyType Delta' 'WriteError: (Microsoft.Ident...ADSyncSyncCycle:StartADSyncSyncCycle) [Start-ADSyncSyncCycle], InvalidOperationException' \
    'System.InvalidOperationException,Microsoft.IdentityManagement.PowerShell.Cmdlet.StartADSyncSyncCycle' >&2
  exit 1
}

case "$script" in
  *Start-ADSyncSyncCycle*) ;;
  *)
    word=${script%% *}
    crlf "${word} : The term '${word}' is not recognized as the name of a cmdlet, function, script file, or operable program." >&2
    exit 1 ;;
esac

case "$mode" in
  success) result_table Success; exit 0 ;;
  result:*) result_table "${mode#result:}"; exit 0 ;;
  busy) busy ;;
  busy-then-success:*)
    n=$(($(cat "$STATE/count" 2>/dev/null || echo 0) + 1))
    echo "$n" >"$STATE/count"
    if [ "$n" -le "${mode#busy-then-success:}" ]; then busy; fi
    result_table Success; exit 0 ;;
  unknown-cmdlet)
    if [[ "$script" == *"Import-Module ADSync"* ]]; then
      crlf "Import-Module : The specified module 'ADSync' was not loaded because no valid module file was found in any module directory." >&2
      error_trailer 'Import-Module ADSync' 'ResourceUnavailable: (ADSync:String) [Import-Module], FileNotFoundException' \
        'Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand' >&2
    else
      crlf "Start-ADSyncSyncCycle : The term 'Start-ADSyncSyncCycle' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again." >&2
    fi
    exit 1 ;;
  denied)
    crlf 'Start-ADSyncSyncCycle : System.UnauthorizedAccessException: Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))' >&2
    exit 1 ;;
  fail:*)
    crlf 'Start-ADSyncSyncCycle : System.Management.Automation.CmdletInvocationException: The Microsoft Azure AD Sync service is not running.' >&2
    exit "${mode#fail:}" ;;
  clixml-busy)
    printf '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj><S S="Error">%s_x000D__x000A_</S><S S="Error">At line:1 char:1_x000D__x000A_</S></Objs>' \
      "${busy_text/&/&amp;}" >&2
    exit 1 ;;
  hang:*) exec sleep "${mode#hang:}" ;;
  *) echo "powershell stand-in: unknown mode '$mode'" >&2; exit 99 ;;
esac
