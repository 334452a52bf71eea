#!/usr/bin/env bash
# Fails when any provider's model has changes no migration covers, and writes the SQL Server
# migration script (parsed with ScriptDom by the architecture tests) to artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  echo "checking $provider migrations"
  dotnet ef migrations has-pending-model-changes --no-build \
    --project src/Infrastructure --startup-project src/Infrastructure --context "${provider}AppDbContext"
done
mkdir -p artifacts
dotnet ef migrations script --idempotent --no-build \
  --project src/Infrastructure --startup-project src/Infrastructure --context SqlServerAppDbContext \
  --output artifacts/sqlserver-migrations.sql
echo "SQL Server migration script: artifacts/sqlserver-migrations.sql"
