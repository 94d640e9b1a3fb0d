#!/usr/bin/env bash
# Run once by the postgres image on a new volume: the login role the API nodes use. `eventreview migrate --app-role`
# then grants it exactly the rights in docs/audit.md; the role owns nothing and runs no DDL.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$EVENTREVIEW_APP_PASSWORD" <<'SQL'
create role eventreview_app login password :'password';
SQL
