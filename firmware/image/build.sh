#!/usr/bin/env bash
# Builds a bootable arm64 Debian bookworm image with Ticker preinstalled from its package
# (firmware/image/README.md):
#
#   firmware/image/build.sh            -> out/image/ticker-arm64.img (+ vmlinuz, initrd.img)
#
# The disk has two partitions: a FAT boot partition (label TICKER-BOOT) with Debian's
# raspi-firmware, the kernel, its device trees, config.txt, cmdline.txt and the first-boot
# settings file ticker-settings.txt; and an ext4 root (label ticker-root). Made without loop
# mounts: mmdebstrap writes a tarball, mke2fs -d fills the root file system from a directory,
# mkfs.vfat + mcopy fill the boot one, and the two are copied into a partitioned disk file.
#
# The root file system without Ticker is cached in TICKER_BUILD_CACHE (default .cache/), keyed
# on its package list and the hooks below; Ticker's package (toolchain/package.sh arm64) is
# installed into a copy of it on every run. Needs root, mmdebstrap, qemu-user-static with
# binfmt_misc (set up here), mtools, dosfstools.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/firmware/image
out=${IMAGE_OUT:-$root/out/image}
cache=${TICKER_BUILD_CACHE:-$root/.cache}
say() { echo "image: $*"; }
t0=$(date +%s)

need=(mmdebstrap qemu-user-static binfmt-support arch-test mtools dosfstools e2fsprogs fdisk)
missing=()
for p in "${need[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# arm64 programs run in the chroot through qemu-user; binfmt_misc is not always mounted.
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    update-binfmts --import qemu-aarch64 >/dev/null 2>&1 || true
    update-binfmts --enable qemu-aarch64
fi
arch-test arm64 >/dev/null || { say "arm64 binaries do not run here (binfmt)"; exit 1; }

deb=$("$root/toolchain/package.sh" arm64 | tail -n 1)
say "package $deb"

# The machine's own apt sources are the mirror (no mirror name in the project), with the
# non-free-firmware component added for the Pi's boot firmware and Wi-Fi firmware.
sources=$(ls /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
[ -n "$sources" ] || { say "no /etc/apt/sources.list.d/*.sources file"; exit 1; }
mkdir -p "$cache" "$out"
sed 's/^Components:.*/Components: main non-free-firmware/' "$sources" >"$cache/image.sources"

# Runtime dependencies come from the package itself; Mesa is named explicitly (SDL's KMSDRM
# back end loads it, libsdl2 does not depend on it).
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g' | grep .)
pkgs=$(printf '%s\n' $deps $(grep -v '^#' "$here/packages.txt") | sort -u | tr '\n' ',' |
    sed 's/,$//')
# Bump when the mmdebstrap call below changes what it makes.
rootfs_recipe=2
key=$( (echo "$pkgs" "$rootfs_recipe"; cat "$here/packages.txt" "$here/initramfs-modules") |
    sha256sum | cut -c1-16)
tarball=$cache/image-rootfs-$key.tar
if [ -f "$tarball" ]; then
    say "root file system from the cache ($(basename "$tarball"))"
else
    say "building the root file system (mmdebstrap, arm64; a few minutes)"
    partial=$cache/partial-image-$key.tar
    # MODULES=list with a short list: with the default (most) initramfs-tools runs for about
    # 20 minutes under qemu-user; the list is what the virt machine and a Pi need to mount root.
    mmdebstrap --mode=root --variant=apt --architectures=arm64 --include="$pkgs" \
        --essential-hook='mkdir -p "$1/etc/initramfs-tools/conf.d"' \
        --essential-hook='echo MODULES=list > "$1/etc/initramfs-tools/conf.d/ticker-modules"' \
        --essential-hook="copy-in $here/initramfs-modules /tmp" \
        --essential-hook='mkdir -p "$1/etc/initramfs-tools" && cp "$1/tmp/initramfs-modules" "$1/etc/initramfs-tools/modules"' \
        --customize-hook='rm -f "$1"/etc/apt/sources.list "$1"/etc/apt/sources.list.d/*' \
        --customize-hook='rm -rf "$1"/var/lib/apt/lists/*' \
        bookworm "$partial" "$cache/image.sources"
    mv "$partial" "$tarball"
fi

work=$(mktemp -d "$cache/image-work.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs"
tar -C "$rootfs" -xf "$tarball"
say "installing Ticker and the image's settings"
cp "$deb" "$rootfs/tmp/ticker.deb"
install -m 0755 "$here/ticker-settings" "$rootfs/usr/local/sbin/ticker-settings"
install -m 0644 "$here/ticker-settings.service" "$rootfs/etc/systemd/system/"
mkdir -p "$rootfs/boot/firmware"
cat >"$rootfs/etc/fstab" <<'FSTAB'
LABEL=ticker-root  /              ext4  defaults,noatime  0 1
LABEL=TICKER-BOOT  /boot/firmware vfat  defaults,nofail   0 2
FSTAB
echo ticker >"$rootfs/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 ticker\n' >"$rootfs/etc/hosts"
chroot "$rootfs" /bin/sh -ec '
    dpkg -i /tmp/ticker.deb >/dev/null
    rm /tmp/ticker.deb
    systemctl enable ticker-settings.service systemd-networkd.service >/dev/null 2>&1
    systemctl enable systemd-timesyncd.service >/dev/null 2>&1 || true
    # A kiosk: no getty on the display the ticker draws on.
    systemctl mask getty@tty1.service >/dev/null 2>&1
    passwd -l root >/dev/null
    # SSH stays off until the settings file gives a key; host keys are made on the Pi.
    systemctl disable ssh.service >/dev/null 2>&1 || true
    rm -f /etc/ssh/ssh_host_*
'
# Wired network by DHCP; Wi-Fi is set up from the settings file.
cat >"$rootfs/etc/systemd/network/20-wired.network" <<'NET'
[Match]
Name=e* en*
[Network]
DHCP=yes
NET
# The image's configuration names no feeds, so the built-in list applies: the bundled demo
# feeds and a few public ones, until the settings file's FEEDS replaces it.
cat >"$rootfs/etc/ticker/config.json" <<'CONF'
{
  "_comment": "Ticker's image: no feeds here, so the built-in list applies (the bundled demo news and a few public news feeds). Set FEEDS in ticker-settings.txt on the boot partition, or edit this file: docs/config.md, and /usr/share/ticker/config.json for every key."
}
CONF
# The demo news in the cache, with the display's own configuration, so a screen with no network
# shows news from the first boot. The public feeds are kept off the network here (a proxy
# that refuses): the cache gets only the demo stories.
chroot "$rootfs" runuser -u ticker -- env TICKER_CONFIG=/etc/ticker/config.json \
    http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
    ticker fetch --cache /var/lib/ticker/cache.db >"$work/fetch.log" 2>&1 || true
say "demo cache: $(chroot "$rootfs" runuser -u ticker -- ticker cache list \
    --cache /var/lib/ticker/cache.db 2>/dev/null | wc -l) stories"

# The boot partition's files: what Debian's raspi-firmware hooks would copy to /boot/firmware.
boot=$work/boot
mkdir -p "$boot"
cp -r "$rootfs"/usr/lib/raspi-firmware/. "$boot/"
kver=$(ls "$rootfs/lib/modules" | sort -V | tail -n 1)
cp "$rootfs/boot/vmlinuz-$kver" "$boot/vmlinuz"
cp "$rootfs/boot/initrd.img-$kver" "$boot/initrd.img"
cp "$rootfs"/usr/lib/linux-image-"$kver"/broadcom/bcm27*.dtb "$boot/"
cat >"$boot/config.txt" <<'CFG'
# Raspberry Pi boot configuration (firmware/image/build.sh)
arm_64bit=1
enable_uart=1
upstream_kernel=1
kernel=vmlinuz
initramfs initrd.img followkernel
CFG
grep -v '^#' "$root/firmware/config-ticker.txt" | grep . >>"$boot/config.txt"
echo "console=tty3 root=LABEL=ticker-root rw rootwait quiet fsck.repair=yes $(cat "$root/firmware/cmdline-append.txt")" \
    >"$boot/cmdline.txt"
cp "$here/ticker-settings.txt" "$boot/ticker-settings.txt"
cp "$rootfs/boot/vmlinuz-$kver" "$out/vmlinuz"
cp "$rootfs/boot/initrd.img-$kver" "$out/initrd.img"

# The disk: 256 MiB FAT at 4 MiB, the root after it.
boot_mib=256
root_mib=$(( $(du -sm "$rootfs" | cut -f1) * 13 / 10 + 300 ))
img=$out/ticker-arm64.img
mkfs.vfat -n TICKER-BOOT -C "$work/boot.vfat" $((boot_mib * 1024)) >/dev/null
mcopy -s -i "$work/boot.vfat" "$boot"/* ::
mke2fs -q -t ext4 -L ticker-root -d "$rootfs" -F "$work/root.ext4" "${root_mib}M"
rm -f "$img"
truncate -s $((4 + boot_mib + root_mib + 1))M "$img"
sfdisk -q "$img" <<PART
label: dos
start=4MiB, size=${boot_mib}MiB, type=c, bootable
start=$((4 + boot_mib))MiB, size=${root_mib}MiB, type=83
PART
dd if="$work/boot.vfat" of="$img" bs=1M seek=4 conv=notrunc status=none
dd if="$work/root.ext4" of="$img" bs=1M seek=$((4 + boot_mib)) conv=notrunc status=none
say "wrote $img ($(du -h --apparent-size "$img" | cut -f1)), $out/vmlinuz, $out/initrd.img in $(( $(date +%s) - t0 )) s"
say "write it to an SD card: dd if=$img of=/dev/sdX bs=4M conv=fsync status=progress"
