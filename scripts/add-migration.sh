#!/usr/bin/env bash
# Adds a migration with the same name for every database provider (SQLite, PostgreSQL, SQL Server).
# Usage: scripts/add-migration.sh <MigrationName>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" \
    --project src/Infrastructure \
    --startup-project src/Infrastructure \
    --context "${provider}AppDbContext" \
    --output-dir "Persistence/Migrations/$provider"
done
