#!/usr/bin/env bash
# Adds one migration for both providers from the same model: ./eng/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: eng/add-migration.sh <MigrationName>}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project "src/Migrations.$provider" --startup-project "src/Migrations.$provider" \
    --context AppDbContext --output-dir Migrations
done
for provider in Sqlite Postgres; do
  dotnet ef migrations has-pending-model-changes --project "src/Migrations.$provider" --startup-project "src/Migrations.$provider" --context AppDbContext
done
