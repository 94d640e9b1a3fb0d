#!/usr/bin/env bash
# Installs what EventReview needs on a Debian machine that lacks it: the PostgreSQL server binaries.
set -euo pipefail
if command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL server binaries are missing; install them (Debian: sudo apt-get install postgresql)." >&2
  exit 1
fi
echo "Installing the PostgreSQL server binaries..." >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
# The Debian package starts its own cluster on 5432; EventReview runs private clusters instead.
service postgresql stop >/dev/null 2>&1 || true
