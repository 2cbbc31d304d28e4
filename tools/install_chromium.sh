#!/usr/bin/env bash
# Install Debian's Chromium for the browser test, once. Never downloads a browser build:
# Playwright is pointed at this executable. Fails loudly when it cannot install it.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
echo "Installing Debian's chromium for the browser test…"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null; }; then
    echo "ERROR: could not install Debian's 'chromium' package (needed by tests/browser)." >&2
    echo "       Install it by hand (apt-get install chromium) or run as a user with sudo." >&2
    exit 1
fi
command -v chromium >/dev/null
