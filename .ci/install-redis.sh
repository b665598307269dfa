#!/usr/bin/env bash
# The Redis tests start their own redis-server on a free loopback port (and stop it); they only need the binary.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server present: $(redis-server --version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server
# The package may start a system service on 6379; the tests do not use it.
redis-server --version
