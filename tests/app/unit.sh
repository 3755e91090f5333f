#!/usr/bin/env bash
# The systemd units as CMake fills them in (BUILD/packaging/): the display's exposure score
# stays at 2.5 or lower ("OK") and the hub's too, every hardening line the display needs is
# there, and the display's unit waits for the DRM device but not for the network.
# Usage: unit.sh PATH/TO/BUILD/src/ticker
set -u
build=$(cd "$(dirname "$1")/.." && pwd)
fail=0
check() {
    if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "FAIL - $1"; fail=1; fi
}
unit=$build/packaging/ticker.service
hub=$build/packaging/ticker-hub.service
if ! command -v systemd-analyze >/dev/null; then
    echo "SKIP: no systemd-analyze"
    exit 0
fi
for u in "$unit" "$hub"; do
    out=$(systemd-analyze security --offline=true --threshold=25 "$u" 2>&1)
    rc=$?
    echo "$out" | grep 'Overall exposure'
    check "$(basename "$u"): exposure 2.5 or lower" $rc
done
for line in 'Type=notify' 'WatchdogSec=' 'Restart=always' 'StartLimitIntervalSec=0' \
    'User=ticker' 'SupplementaryGroups=video render input' 'StateDirectory=ticker' \
    'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' 'NoNewPrivileges=yes' \
    'RestrictAddressFamilies=' 'SystemCallFilter=@system-service' 'DevicePolicy=closed' \
    'DeviceAllow=char-drm rw' 'DeviceAllow=char-input r' 'After=dev-dri-card0.device' \
    'Wants=dev-dri-card0.device' 'ExecReload=/bin/kill -HUP $MAINPID'; do
    grep -q "^$line" "$unit"
    check "ticker.service has $line" $?
done
grep -q 'network-online' "$unit"
check "ticker.service does not wait for the network" $([ $? -ne 0 ]; echo $?)
grep -q 'TAG+="systemd"' "$(dirname "$0")/../../firmware/70-ticker-drm.rules"
check "the udev rule makes DRM cards systemd devices" $?
exit $fail
