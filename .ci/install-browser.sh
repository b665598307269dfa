#!/usr/bin/env bash
# Installs Debian's chromium for tests/PickBot.BrowserTests. Playwright's own browser download cannot reach its CDN
# here, so the tests launch /usr/bin/chromium instead. Idempotent and quiet: does nothing when chromium is present.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq >/dev/null
$sudo_cmd apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version 2>/dev/null | head -n 1
