#!/bin/sh
# Builds the fixture programs with mingw-w64 and records each run under wine64 as a
# WINEDEBUG=+winsock,+pid,+tid trace. Not run by the build or by CI: the traces it wrote are
# committed next to it. Needs Debian's mingw-w64 and wine64 packages (apt-get install -y mingw-w64 wine64).
# usage: ./record.sh [WORKDIR [NAME...]]   (default: a fresh directory under /tmp, every NAME below)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d /tmp/wskemu-wine.XXXXXX)}
[ $# -gt 0 ] && shift
only="$*"
mkdir -p "$work"
export WINEPREFIX="$work/prefix"          # a throwaway prefix, never ~/.wine
export WINEDLLOVERRIDES="mscoree,mshtml=" # no Mono / Gecko install prompts
unset DISPLAY                             # no windows, no dialogs

for program in race dualstack retry; do
    x86_64-w64-mingw32-gcc -O0 -Wall -o "$work/$program.exe" "$here/$program.c" -lws2_32
done
WINEDEBUG=-all wine wineboot -i >/dev/null 2>&1

# record NAME PROGRAM ARGS...: stdout (the program's own account of each result) to NAME.out,
# the trace (stderr) to NAME.trace, keeping only the winsock channel's lines and the relay lines of
# ws2_32 (present only when RELAY adds +relay below).
record() {
    name=$1; shift
    program=$1; shift
    case " ${only:-$name} " in *" $name "*) ;; *) return 0 ;; esac
    (cd "$work" && WINEDEBUG=+winsock,+pid,+tid${RELAY:-} wine "$program.exe" "$@" >"$here/$name.out" 2>"$work/$name.stderr")
    grep -E ':trace:winsock:|:(Call|Ret) +ws2_32\.' "$work/$name.stderr" >"$here/$name.trace"
}

record race-none-none       race none 0.0.0.0 none 0.0.0.0 40101
record race-reuse-reuse     race reuse 0.0.0.0 reuse 0.0.0.0 40102
record race-excl-excl       race excl 0.0.0.0 excl 0.0.0.0 40103
record race-excl-specific   race excl 0.0.0.0 none 127.0.0.1 40104
record race-reuse-excl      race reuse 0.0.0.0 excl 0.0.0.0 40105
record dualstack            dualstack 40106
record retry                retry 40107

# +relay, narrowed by RelayInclude to the two exports whose results +winsock does not trace:
# closesocket's return value and the WSAGetLastError that follows a failure.
wine reg add 'HKCU\Software\Wine\Debug' /v RelayInclude /t REG_SZ \
    /d 'ws2_32.closesocket;ws2_32.WSAGetLastError' /f >/dev/null 2>&1
RELAY=,+relay record race-none-none-relay race none 0.0.0.0 none 0.0.0.0 40108
wine reg delete 'HKCU\Software\Wine\Debug' /v RelayInclude /f >/dev/null 2>&1
wineserver -k || true
