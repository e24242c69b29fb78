#!/usr/bin/env sh
# Publishes the host exactly as the container image holds it: the Dockerfile runs this script, and the container
# rehearsal test (tests/Ecommerce.IntegrationTests/Deployment) runs it too, so what is tested is what the image runs.
# Usage: deploy/publish.sh OUTPUT_DIRECTORY | deploy/publish.sh --restore-only
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
  exec dotnet restore src/Host/Ecommerce.Host.csproj -r "$rid" -p:PublishReadyToRun=true $isolated
fi
out="${1:?usage: deploy/publish.sh OUTPUT_DIRECTORY | --restore-only}"
# Framework-dependent, for this platform only: other platforms' native libraries stay out (69 instead of 139 MB).
# ReadyToRun: precompiled code, ready on all four ports in 1.4 instead of 2.5 s (best of 5); the image grows by 43 MB.
# English resources only: the framework's translated messages are never shown.
exec dotnet publish src/Host/Ecommerce.Host.csproj -c Release -o "$out" --nologo \
  -r "$rid" --no-self-contained -p:UseAppHost=false -p:SatelliteResourceLanguages=en -p:PublishReadyToRun=true $isolated
