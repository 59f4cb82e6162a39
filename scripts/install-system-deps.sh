#!/usr/bin/env bash
# Installs the system tools the tests run for real: etcd (server and etcdctl) and openssl for the stand-in test
# cluster, zsh and fish for the completion scripts (bash is there already).
# Idempotent: installs only what is missing, and says what it did.
set -euo pipefail

# command on PATH -> Debian package that provides it
declare -A package_of=(
  [etcd]=etcd-server
  [etcdctl]=etcd-client
  [openssl]=openssl
  [zsh]=zsh
  [fish]=fish
)

missing=()
for command in etcd etcdctl openssl zsh fish; do
  if command -v "$command" >/dev/null 2>&1; then
    echo "install-system-deps: $command present ($(command -v "$command"))"
  else
    missing+=("${package_of[$command]}")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: missing ${missing[*]}; run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: missing ${missing[*]} and apt-get is not available; install them with your package manager" >&2
  exit 1
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-system-deps: installed ${missing[*]}"
