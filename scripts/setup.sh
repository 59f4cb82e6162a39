#!/usr/bin/env bash
# One-command set-up of a fresh checkout: the system tools the tests run for real (etcd, etcdctl, openssl, zsh, fish;
# installed with apt-get when missing and running as root), then the npm dependencies including the pinned Node
# toolchain, then the build (npm's prepare step), so ./bin/kubectl-etcd and npx kubectl-etcd work.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
echo "setup: done. Try: ./bin/kubectl-etcd --help"
