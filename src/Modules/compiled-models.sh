#!/usr/bin/env bash
# Regenerates each module's compiled EF Core model for SQLite (src/Modules/*/Data/CompiledModels), which the host uses
# instead of building the model at start-up. Run after any change to a module's model (with its migrations); the unit
# test MigrationsTests fails while a compiled model differs from what the configuration builds.
# Only SQLite's (the embedded default, what integration testers start): the server providers build theirs at start-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null
dotnet build src/Host -v q -nologo >/dev/null
for module in Orders Payments Notifications; do
  rm -rf "src/Modules/$module/Data/CompiledModels"
  dotnet ef dbcontext optimize --no-build --project "src/Modules/$module" --startup-project src/Host \
    --context "Sqlite${module}DbContext" --output-dir Data/CompiledModels --namespace "Ecommerce.$module.Data.CompiledModels" -- \
    --Database:Provider=Sqlite >/dev/null
  # Internal, like the rest of a module (EF finds the model through its assembly attribute and its public Instance).
  sed -i 's/^    public partial class /    internal partial class /' "src/Modules/$module/Data/CompiledModels"/*.cs
  echo "src/Modules/$module/Data/CompiledModels"
done
