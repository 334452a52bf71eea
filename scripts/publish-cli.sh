#!/usr/bin/env bash
# Publishes the server and admin CLI as one framework-dependent executable named `invoke`
# (it needs the .NET 10 runtime on the machine, nothing else).
#   scripts/publish-cli.sh [OUTPUT_DIR]        default: artifacts/invoke
# Then:  OUTPUT_DIR/invoke useradd --root /srv/invokeai …   or   OUTPUT_DIR/invoke serve --root /srv/invokeai
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/invoke}"

echo "publish-cli.sh: publishing to $out (the first build takes a few minutes)" >&2
dotnet publish src/WebApi/Invoke.WebApi.csproj --nologo -v quiet -c Release -o "$out"

# The app host finds Invoke.WebApi.dll by the name built into it, so it keeps working under another name.
mv -f "$out/Invoke.WebApi" "$out/invoke"
echo "publish-cli.sh: $out/invoke is ready; '$out/invoke --help' lists the subcommands" >&2
