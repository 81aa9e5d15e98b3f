#!/usr/bin/env bash
# CI: build the one-folder application with PyInstaller and start it offscreen on a new
# demo database; it must open the window and exit 0. Prints the bundle's size.
# Run inside the CI venv (.ci/run makes it); about 2 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e ".[build]"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python scripts/build_bundle.py --dist "$out/dist" --work "$out/work"
app="$out/dist/DealerDesk/DealerDesk"
QT_QPA_PLATFORM=offscreen timeout 180 "$app" --demo --smoke --today 2026-11-23 \
  --lang zh_CN --data "$out/data"
test -s "$out/data/demo.db"
echo "bundle: $(du -sh "$out/dist/DealerDesk" | cut -f1) on disk, $(find "$out/dist/DealerDesk" -type f | wc -l) files"
