#!/usr/bin/env bash
# Installs what the real-VS Code test needs, outside the repository, once:
#   - Debian's chromium (a real browser) and the packages code-server's native modules build with;
#   - code-server 4.100.3 (VS Code 1.100.3; the last line that runs on Node 20), installed by hand
#     because its install script downloads ripgrep from outside the registries.
# Steps follow shared/docs/vscode-e2e.md. Re-running it is cheap: finished steps are skipped.
set -euo pipefail
CACHE="${FIPSLINT_E2E_CACHE:-$HOME/.cache/fipslint-e2e}"
VERSION=4.100.3
mkdir -p "$CACHE"

bash "$(dirname "$0")/chromium-setup.sh"
if ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep libkrb5-dev pkg-config >/dev/null
fi

if [ -f "$CACHE/code-server-$VERSION.ok" ]; then exit 0; fi
cd "$CACHE"
[ -f package.json ] || echo '{"name":"fipslint-e2e-cache","private":true}' > package.json
npm_config_unsafe_perm=true npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
npm_config_yes=true npm rebuild argon2 >/dev/null
VS="$CACHE/node_modules/code-server/lib/vscode"
(cd "$VS" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null)
(cd "$VS" && npm_config_yes=true npm rebuild kerberos node-pty @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid >/dev/null)
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VS/node_modules/@vscode/ripgrep/bin/rg"
(cd "$VS" && ln -sfn node_modules node_modules.asar)
(cd "$VS/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$VS/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
(cd "$VS/extensions" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null)
node "$CACHE/node_modules/code-server/out/node/entry.js" --version
touch "$CACHE/code-server-$VERSION.ok"
