#!/usr/bin/env bash
# Writes each module's idempotent migration script per server provider into src/Modules/*/Data/Scripts/{Provider}.sql,
# for teams whose DBAs apply schema changes themselves (then start the host with migrations already applied: it applies
# nothing twice); and Sqlite.sql, the whole schema from nothing (EF cannot write idempotent scripts for SQLite), which
# the module embeds and runs on a fresh SQLite file instead of its migrations one by one (SqliteFreshSchema).
# Run after adding a migration; the unit test MigrationsTests fails while a script is out of date.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null
dotnet build src/Host -v q -nologo >/dev/null
for module in Orders Payments Notifications; do
  for provider in SqlServer Postgres; do
    case $provider in SqlServer) connection="Server=none;Database=none" ;; Postgres) connection="Host=none;Database=none" ;; esac
    mkdir -p "src/Modules/$module/Data/Scripts"
    dotnet ef migrations script --idempotent --no-build --project "src/Modules/$module" --startup-project src/Host \
      --context "$provider${module}DbContext" --output "src/Modules/$module/Data/Scripts/$provider.sql" -- \
      --Database:Provider=$provider --ConnectionStrings:Orders="$connection" --ConnectionStrings:Payments="$connection" \
      --ConnectionStrings:Notifications="$connection" >/dev/null
    echo "src/Modules/$module/Data/Scripts/$provider.sql"
  done
  dotnet ef migrations script --no-transactions --no-build --project "src/Modules/$module" --startup-project src/Host \
    --context "Sqlite${module}DbContext" --output "src/Modules/$module/Data/Scripts/Sqlite.sql" -- --Database:Provider=Sqlite >/dev/null
  echo "src/Modules/$module/Data/Scripts/Sqlite.sql"
done
