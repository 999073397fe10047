#!/usr/bin/env bash
# Back up the ward database with pg_dump (custom format: compressed, restorable table by table).
#
#   backup.sh [DATABASE_URL]
#
# DATABASE_URL defaults to $HOTROSO_SERVER_DB, the same value the server uses (a SQLAlchemy
# URL such as postgresql+psycopg://hotroso@/hotroso?host=/run/postgresql is accepted: the
# driver suffix is dropped for pg_dump). Environment:
#   HOTROSO_BACKUP_DIR   where dumps go (default /var/backups/hotroso)
#   HOTROSO_BACKUP_KEEP  how many dumps to keep, newest first (default 30)
#
# A dump is written under a temporary name, checked with pg_restore --list, then renamed, so a
# file named hotroso-*.dump is always complete. Old dumps are pruned only after a good one.
# The dumps hold residents' personal data (ID and phone numbers): they are created mode 600.
set -euo pipefail

url="${1:-${HOTROSO_SERVER_DB:-}}"
if [[ -z "$url" ]]; then
    echo "backup.sh: no database: pass a URL or set HOTROSO_SERVER_DB" >&2
    exit 2
fi
case "$url" in
    postgresql*|postgres*) ;;
    *) echo "backup.sh: $url is not a PostgreSQL URL (back up a SQLite file by copying it with the server stopped)" >&2
       exit 2 ;;
esac
url="$(printf '%s' "$url" | sed -E 's#^postgres(ql)?\+[a-z0-9_]+://#postgresql://#')"
dir="${HOTROSO_BACKUP_DIR:-/var/backups/hotroso}"
keep="${HOTROSO_BACKUP_KEEP:-30}"

umask 077
mkdir -p "$dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$dir/hotroso-$stamp.dump"
partial="$final.partial"
trap 'rm -f "$partial"' EXIT

pg_dump --format=custom --compress=6 --file="$partial" --dbname="$url"
pg_restore --list "$partial" > /dev/null
mv "$partial" "$final"
echo "backup.sh: wrote $final ($(du -h "$final" | cut -f1))"

# Prune: keep the newest $keep dumps (names sort by time).
mapfile -t dumps < <(find "$dir" -maxdepth 1 -name 'hotroso-*.dump' -printf '%f\n' | sort -r)
for old in "${dumps[@]:$keep}"; do
    rm -f -- "$dir/$old"
    echo "backup.sh: pruned $old"
done
