#!/usr/bin/env bash
# Adds a migration with the same name to both databases' migration projects. Usage: scripts/add-migration.sh Name
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project "src/Grimoire.Migrations.$provider" --startup-project "src/Grimoire.Migrations.$provider" \
    --output-dir Migrations
done
