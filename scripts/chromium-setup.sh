#!/usr/bin/env bash
# Debian's Chromium, for the tests that render in a real browser (the HTML report, VS Code).
# Skipped when it is already installed.
set -euo pipefail
if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
