#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks: Python's venv, the libraries Qt (offscreen
# and xcb) needs, Xvfb and the PDF tools the tests use.
# Does nothing when they are already present; needs root (or sudo) only when something is missing.
set -euo pipefail
pkgs=(python3 python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
      libxcb-image0 libxcb-xinerama0 xvfb poppler-utils)
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
