#!/usr/bin/env bash
# The project's two entry points (README):
#   scripts/run.sh demo   install what is missing, build everything into build/, run the main job
#   scripts/run.sh test   install what is missing, build everything, run the whole CTest suite
# Extra arguments after `test` go to ctest (e.g. -L isa, -R c\.printf).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
jobs=${JOBS:-$(nproc)}
mode=${1:-}
shift || true

bash "$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j "$jobs"

case "$mode" in
  demo)
    exec "$build/bin/socsim" --stats "$build/images/demo/demo.elf"
    ;;
  test)
    cd "$build"
    exec ctest --output-on-failure -j "$jobs" --output-junit "$build/test-results.xml" \
      --label-exclude "${CTEST_EXCLUDE_LABELS:-soak}" "$@"
    ;;
  *)
    echo "usage: scripts/run.sh demo|test [ctest args...]" >&2
    exit 2
    ;;
esac
