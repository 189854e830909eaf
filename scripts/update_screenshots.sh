#!/usr/bin/env bash
# Regenerates the README's GUI screenshots (docs/screenshots/*.png) from the real knsim, offscreen.
#   scripts/update_screenshots.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
"$root/scripts/build.sh" "$build" >/dev/null
cd "$build"
KNSIM_SCREENSHOT_DIR="$root/docs/screenshots" QT_QPA_PLATFORM=offscreen \
  ctest -R 'gui_tests.(WindowWithKnsim.ScreenshotsForTheReadme|EventingWithKnsim.ScreenshotOfTheEventingTab)' --output-on-failure
ls -l "$root/docs/screenshots"
