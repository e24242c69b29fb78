#!/usr/bin/env sh
# Publishes the host exactly as the container image holds it: the Dockerfile runs this script, and the container
# rehearsal test (tests/Ecommerce.IntegrationTests/Deployment) runs it too, so what is tested is what the image runs.
# Usage: deploy/publish.sh OUTPUT_DIRECTORY [PROJECT] | deploy/publish.sh --restore-only
# PROJECT: another web project published the same way (the start-up benchmark's empty app); src/Host by default.
set -eu
cd "$(dirname "$0")/.."
case "$(uname -m)" in
  aarch64|arm64) rid=linux-arm64 ;;
  *) rid=linux-x64 ;;
esac
# Its own build folders (artifacts/publish, ignored by git): a runtime-specific restore into src/*/obj would turn the
# developer's next plain `dotnet build` into a full rebuild (the container rehearsal test runs this on every `dotnet test`).
isolated="-p:UseArtifactsOutput=true -p:ArtifactsPath=$(pwd)/artifacts/publish"
if [ "${1:-}" = "--restore-only" ]; then
  exec dotnet restore src/Host/Ecommerce.Host.csproj -r "$rid" -p:SelfContained=true -p:PublishReadyToRun=true $isolated
fi
out="${1:?usage: deploy/publish.sh OUTPUT_DIRECTORY [PROJECT] | --restore-only}"
project="${2:-src/Host/Ecommerce.Host.csproj}"
# For this platform only: other platforms' native libraries stay out. English resources only: the framework's translated
# messages are never shown.
# Self-contained, with the framework and the packages precompiled into one ReadyToRun composite image: code in one
# version bubble, so the generic instantiations across assemblies (the framework's collections and async machinery over
# ASP.NET Core's and EF Core's types) are precompiled too instead of JIT-compiled at every start. Measured, medians of 7
# starts, same run: ready on all four ports 693 → 551 ms (CPU 810 → 610 ms), first order paid 1,529 → 1,159 ms, against
# plain (per-assembly) ReadyToRun. Our own assemblies stay out of the composite (Ecommerce.Host.csproj): compiling the
# composite takes ~5 minutes on 2 cores, so it is compiled again only when the framework or a package changes.
# It runs through its app host, ./Ecommerce.Host, on the runtime it carries (the image needs no .NET runtime).
exec dotnet publish "$project" -c Release -o "$out" --nologo \
  -r "$rid" --self-contained -p:SatelliteResourceLanguages=en -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true $isolated
