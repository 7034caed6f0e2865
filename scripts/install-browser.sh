#!/usr/bin/env bash
# Installs Debian's Chromium and Thai fonts for browser tests and screenshots (run as root, or
# with sudo). Browsers are never downloaded by a test tool: this is the only way one arrives.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'tlwg\|loma\|garuda'; then
  echo "chromium and Thai fonts are already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-thai-tlwg fonts-noto-core >/dev/null
echo "installed: $(chromium --version)"
