#!/usr/bin/env bash
# Writes each module's idempotent migration script per server provider into src/Modules/*/Data/Scripts/{Provider}.sql,
# for teams whose DBAs apply schema changes themselves (then start the host with migrations already applied: it applies
# nothing twice). Run after adding a migration; the unit test MigrationsTests fails while a script is out of date.
# SQLite has no script: EF cannot write idempotent ones for it, and its file is created by the host itself.
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
done
