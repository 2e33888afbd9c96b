#!/bin/sh
# Creates Temporal's two PostgreSQL databases (temporal, temporal_visibility) and brings their
# schemas to the version the admin tools ship (/etc/temporal/schema). Run by the temporal-schema
# job before the server starts; idempotent, so it runs on every `compose up`, and after a server
# upgrade (pin the admin tools to the server's version) it applies the new schema versions.
# temporal-sql-tool reads SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER and SQL_PASSWORD from the environment.
set -eu

: "${SQL_PLUGIN:?SQL_PLUGIN is required (postgres12)}"
: "${SQL_HOST:?SQL_HOST is required}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
SCHEMAS="${TEMPORAL_HOME:-/etc/temporal}/schema/postgresql/v12"

for pair in temporal:temporal temporal_visibility:visibility; do
  db="${pair%%:*}"
  schema="$SCHEMAS/${pair#*:}/versioned"
  [ -d "$schema" ] || { echo "no schema folder $schema in this image" >&2; exit 1; }
  if out=$(temporal-sql-tool --db "$db" create-database 2>&1); then
    echo "database $db: created"
  elif echo "$out" | grep -q "already exists"; then
    echo "database $db: already exists"
  else
    echo "$out" >&2
    exit 1
  fi
  temporal-sql-tool --db "$db" setup-schema -v 0.0
  temporal-sql-tool --db "$db" update-schema -d "$schema"
  echo "database $db: schema up to date"
done
