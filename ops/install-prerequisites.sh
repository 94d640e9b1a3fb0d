#!/usr/bin/env bash
# Installs what EventReview needs on a Debian machine that lacks it: the PostgreSQL server binaries, and Debian's
# chromium, which the web console's browser tests drive by its path (Playwright's own browser download is not used).
set -euo pipefail
missing=()
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then missing+=(postgresql); fi
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing: ${missing[*]}; install them (Debian: sudo apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installing ${missing[*]}..." >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
# The Debian package starts its own cluster on 5432; EventReview runs private clusters instead.
if [[ " ${missing[*]} " == *" postgresql "* ]]; then service postgresql stop >/dev/null 2>&1 || true; fi
