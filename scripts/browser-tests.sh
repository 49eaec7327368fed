#!/usr/bin/env bash
# Real-browser tests of the built site (Tests/browser): headless Chromium driven by Selenium, with axe-core 4.x.
# Installs what is missing (Debian: chromium, chromium-driver, fonts-dejavu-core; PyPI: selenium, pytest, and
# axe-playwright-python --no-deps for the axe.min.js it ships), then runs pytest and exits with its code.
# Runs from anywhere (it moves to the repository root), without a terminal (CI=true). Uses the perfsite binary at
# $PERFSITE_BIN, by default .build/debug/perfsite: build it first (`swift build`).
set -uo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1

fail() { echo "browser-tests: $*" >&2; exit 2; }

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "browser-tests: installing chromium chromium-driver fonts-dejavu-core"
    { apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null; } \
        || fail "could not install chromium and chromium-driver with apt-get"
fi

pip_install() {
    "$PYTHON" -m pip install -q --root-user-action=ignore "$@" || fail "pip install $* failed"
}
"$PYTHON" -c "import selenium" 2>/dev/null || { echo "browser-tests: installing selenium"; pip_install selenium; }
"$PYTHON" -c "import pytest" 2>/dev/null || { echo "browser-tests: installing pytest"; pip_install pytest; }
"$PYTHON" -c "import pagefind_bin" 2>/dev/null || { echo "browser-tests: installing pagefind-bin"; pip_install pagefind-bin; }

# axe-core 4.x ships as axe.min.js inside the axe-playwright-python wheel; its Playwright dependency is not needed.
find_axe() {
    "$PYTHON" - <<'EOF'
import importlib.util, pathlib, sys
spec = importlib.util.find_spec("axe_playwright_python")
for folder in (spec.submodule_search_locations or []) if spec else []:
    for found in sorted(pathlib.Path(folder).rglob("axe.min.js")):
        print(found)
        sys.exit(0)
sys.exit(1)
EOF
}
if [ -z "${AXE_JS:-}" ] && ! find_axe >/dev/null 2>&1; then
    echo "browser-tests: installing axe-playwright-python (--no-deps, for its axe.min.js)"
    pip_install --no-deps axe-playwright-python
    find_axe >/dev/null 2>&1 || fail "axe-playwright-python has no axe.min.js"
fi

"$PYTHON" -m pytest -q -p no:cacheprovider Tests/browser
exit $?
