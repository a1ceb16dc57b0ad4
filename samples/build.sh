#!/usr/bin/env bash
# Packs DeployAdvisor.Analyzers into artifacts/packages and builds the sample against it, with a
# package folder of its own (a repacked 0.1.0 would otherwise be taken from the global cache).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet pack src/Advisor.Analyzers.CodeFixes -o artifacts/packages --nologo
rm -rf artifacts/sample-packages
NUGET_PACKAGES="$PWD/artifacts/sample-packages" dotnet build samples/PaymentsService --no-incremental --nologo "$@"
