#!/usr/bin/env bash
# Regenerates the README's GUI screenshots (docs/screenshots/*.png) from the real knsim, offscreen,
# at 1280 x 800 (a common laptop screen; knsim-gui's --size default): the default scenario after a
# run (Explain tab), baseline + what-if overlaid (What-if tab), and eventing-broker-filters.yaml
# (Eventing tab, plots scrolled to the Eventing plot). Look at every picture before committing it.
#   scripts/update_screenshots.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
KNSIM_TARGETS="knsim knsim-gui gui_tests" "$root/scripts/build.sh" "$build" >/dev/null
cd "$build"
KNSIM_SCREENSHOT_DIR="$root/docs/screenshots" QT_QPA_PLATFORM=offscreen \
  ctest -R 'gui_tests.(WindowWithKnsim.ScreenshotsForTheReadme|EventingWithKnsim.ScreenshotOfTheEventingTab)' --output-on-failure
ls -l "$root/docs/screenshots"
