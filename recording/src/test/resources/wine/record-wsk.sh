#!/bin/sh
# Records a kernel-mode WSK session under Wine: builds wskprobe.c as a driver with mingw-w64, loads it
# in Wine's winedevice (as a demand-start kernel service) and keeps the netio and winsock trace lines.
# Not run by the build or by CI: the trace it wrote is committed next to it. Needs Debian's wine64 and
# gcc-mingw-w64-x86-64 packages (Wine 8.0~repack-4, mingw-w64 10.0.0, gcc 12.2 when recorded).
# usage: ./record-wsk.sh [WORKDIR]   (default: a fresh directory under /tmp)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d /tmp/wskemu-wsk.XXXXXX)}
mkdir -p "$work"
export WINEPREFIX="$work/prefix" WINEDLLOVERRIDES="mscoree,mshtml=" PATH="/usr/lib/wine:$PATH"
unset DISPLAY
x86_64-w64-mingw32-gcc -O1 -Wall -I/usr/x86_64-w64-mingw32/include/ddk -shared -nostdlib \
    -Wl,--subsystem,native -Wl,--entry,DriverEntry -Wl,--image-base,0x10000 \
    -o "$work/wskprobe.sys" "$here/wskprobe.c" -lntoskrnl -lnetio
WINEDEBUG=-all wine64 wineboot -i >/dev/null 2>&1
cp "$work/wskprobe.sys" "$WINEPREFIX/drive_c/windows/system32/drivers/"
key='HKLM\System\CurrentControlSet\Services\wskprobe'
wine64 reg add "$key" /v Type /t REG_DWORD /d 1 /f >/dev/null 2>&1          # a kernel driver
wine64 reg add "$key" /v Start /t REG_DWORD /d 3 /f >/dev/null 2>&1         # started on demand
wine64 reg add "$key" /v ErrorControl /t REG_DWORD /d 1 /f >/dev/null 2>&1
wine64 reg add "$key" /v ImagePath /t REG_EXPAND_SZ /d 'C:\windows\system32\drivers\wskprobe.sys' /f >/dev/null 2>&1
wineserver64 -k || true   # a fresh wineserver, so services.exe and winedevice inherit WINEDEBUG
WINEDEBUG=+netio,+winsock,+pid,+tid wine64 net start wskprobe >"$work/net.out" 2>"$work/wskprobe.stderr"
grep -E ':trace:(winsock|netio):' "$work/wskprobe.stderr" >"$here/wskprobe.trace"
wineserver64 -k || true
