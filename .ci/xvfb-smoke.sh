#!/usr/bin/env bash
# CI: start the real window on an X server (Xvfb), not the offscreen platform, so the
# xcb platform plugin and the libraries it needs are checked. Run inside the CI venv.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
# What Qt 6's xcb plugin loads on Debian 12 (without them: "could not load the Qt
# platform plugin xcb"), plus the X server for CI.
$SUDO apt-get install -y -qq --no-install-recommends xvfb xauth \
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-xinerama0 \
  libx11-xcb1 libxrender1 >/dev/null
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
unset QT_QPA_PLATFORM
QT_QPA_PLATFORM=xcb timeout 180 xvfb-run -a -s "-screen 0 1366x768x24" \
  python main.py --demo --smoke --today 2026-11-23 --data "$data"
echo "window started under Xvfb (xcb) and closed cleanly"
