#!/usr/bin/env bash
# Make this machine ready for swebench-mm: a Docker engine that answers, the tools to bootstrap a
# Debian base image without a registry, and the project's virtualenv. Idempotent: installs only
# what is missing, so `make demo` and `make test` can call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

APT_UPDATED=0
apt_install() {
  is_root || die "need to install $* but not running as root: install it yourself (Debian: sudo apt-get install -y $*) and re-run"
  command -v apt-get >/dev/null || die "need to install $* and apt-get is not available: install it with your package manager and re-run"
  if [ "$APT_UPDATED" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null; APT_UPDATED=1; fi
  say "installing $* (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

docker_answers() { docker info >/dev/null 2>&1; }

# 1. Docker engine ------------------------------------------------------------------------------
if ! docker_answers; then
  command -v dockerd >/dev/null || apt_install docker.io
  command -v docker >/dev/null || apt_install docker.io
  if ! docker_answers; then
    is_root || die "no Docker engine answers and starting one needs root: run 'sudo dockerd &' (or start your Docker service) and re-run"
    say "starting dockerd (log: /var/log/swebench-mm-dockerd.log)"
    nohup dockerd >/var/log/swebench-mm-dockerd.log 2>&1 &
    for _ in $(seq 1 60); do docker_answers && break; sleep 1; done
    docker_answers || die "dockerd did not come up within 60 s; see /var/log/swebench-mm-dockerd.log"
  fi
fi
say "docker engine: $(docker version --format '{{.Server.Version}}' 2>/dev/null)"

# 2. Tools to build images offline: debootstrap for the base image when no registry answers ------
for tool in git debootstrap; do
  command -v "$tool" >/dev/null || apt_install "$tool"
done

# What only the test suite needs on the host: headless Chromium (the HTML report and the viewer are
# checked in a browser) and Debian's docker-registry (the cluster tests share images through a local
# registry). `make test` asks for them with --with-test-deps; `make demo` does not.
if [ "${1:-}" = "--with-test-deps" ]; then
  [ -x /usr/bin/chromium ] || apt_install chromium
  command -v docker-registry >/dev/null || apt_install docker-registry
fi

# 3. Python virtualenv with the package ----------------------------------------------------------
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python >= 3.11 is required (found $("$PYTHON" --version 2>&1))"
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PYTHON" -m venv .venv || { apt_install python3-venv && "$PYTHON" -m venv .venv; }
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  say "installing swebench-mm into .venv"
  .venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
  touch .venv/.installed
fi
say "ready"
