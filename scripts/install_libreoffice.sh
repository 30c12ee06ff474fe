#!/usr/bin/env bash
# Installs what renders anjian's official documents to PDF here (LibreOffice, poppler, CJK fonts) and
# registers the GB/T 9704 font aliases (仿宋_GB2312 → an installed CJK serif, …) with fontconfig.
# Idempotent: when everything is present it only checks and returns in well under a second.
# Debian bookworm packages; needs root (CI and the dev machines run as root).
set -euo pipefail

# The -nogui builds are enough for headless conversion; a machine that already has soffice keeps its build.
LIBREOFFICE=(libreoffice-writer-nogui libreoffice-calc-nogui)
PACKAGES=(
  poppler-utils fontconfig
  fonts-noto-cjk          # Noto Serif/Sans CJK SC: stands in for 仿宋_GB2312, 方正小标宋简体, 宋体, 黑体
  fonts-arphic-ukai       # AR PL UKai: stands in for 楷体_GB2312
  fonts-arphic-uming      # AR PL UMing: second serif fallback
)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ALIASES="$HERE/../anjian/documents/fontconfig/65-anjian-gbt9704.conf"

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
if ! command -v soffice >/dev/null 2>&1; then missing+=("${LIBREOFFICE[@]}"); fi

if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "install_libreoffice: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# System-wide alias, so a plain `soffice --convert-to pdf` also renders without boxes.
# (anjian.documents.render sets FONTCONFIG_FILE itself and does not depend on this link.)
TARGET=/etc/fonts/conf.d/65-anjian-gbt9704.conf
if [ -w /etc/fonts/conf.d ] && ! cmp -s "$ALIASES" "$TARGET" 2>/dev/null; then
  cp "$ALIASES" "$TARGET"
  fc-cache -f >/dev/null
fi
echo "install_libreoffice: ok ($(command -v soffice), $(fc-list :lang=zh family | wc -l) CJK font faces)"
