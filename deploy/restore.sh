#!/usr/bin/env bash
# Restore a dump made by backup.sh into an EMPTY database, in one transaction.
#
#   restore.sh DUMP_FILE [DATABASE_URL]
#   restore.sh --clean DUMP_FILE [DATABASE_URL]   # replace what the database holds now
#
# DATABASE_URL defaults to $HOTROSO_SERVER_DB. Stop the server first
# (systemctl stop hotroso-server). Without --clean the target must have no tables, so a restore
# never mixes two databases; create a fresh one with
#   sudo -u postgres createdb --owner=hotroso hotroso
# Afterwards run `hotroso-server migrate` (a dump from an older version is brought up to
# date) and start the server. Any error stops the restore and leaves the database unchanged.
set -euo pipefail

clean=()
if [[ "${1:-}" == "--clean" ]]; then
    clean=(--clean --if-exists)
    shift
fi
dump="${1:-}"
url="${2:-${HOTROSO_SERVER_DB:-}}"
if [[ -z "$dump" || ! -f "$dump" ]]; then
    echo "restore.sh: usage: restore.sh [--clean] DUMP_FILE [DATABASE_URL] (dump file not found: '$dump')" >&2
    exit 2
fi
if [[ -z "$url" ]]; then
    echo "restore.sh: no database: pass a URL or set HOTROSO_SERVER_DB" >&2
    exit 2
fi
url="$(printf '%s' "$url" | sed -E 's#^postgres(ql)?\+[a-z0-9_]+://#postgresql://#')"

pg_restore --list "$dump" > /dev/null  # a truncated or foreign file fails here, not half-way

if [[ ${#clean[@]} -eq 0 ]]; then
    tables="$(psql --dbname="$url" --no-psqlrc --tuples-only --no-align --command \
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")"
    if [[ "$tables" != "0" ]]; then
        echo "restore.sh: the target database is not empty ($tables tables)." >&2
        echo "  Restore into a freshly created database, or pass --clean to replace its contents." >&2
        exit 3
    fi
fi

pg_restore --exit-on-error --single-transaction --no-owner "${clean[@]}" --dbname="$url" "$dump"
revision="$(psql --dbname="$url" --no-psqlrc --tuples-only --no-align --command \
    "SELECT version_num FROM alembic_version")"
echo "restore.sh: restored $dump (schema revision $revision)."
echo "  Next: hotroso-server migrate, then systemctl start hotroso-server."
