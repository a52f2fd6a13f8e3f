#!/usr/bin/env bash
# Builds the DocC API reference of every library module (swift-docc-plugin, declared in
# Package.swift) into OUT_DIR/<Module>, each transformed for static hosting, and prints one line
# per module with its elapsed wall time. See docs/api-reference.md.
#
# Usage: bash scripts/make_api_docs.sh OUT_DIR [HOSTING_BASE_PATH]
#   OUT_DIR            created if missing; OUT_DIR/<Module> is replaced only when its build succeeds.
#   HOSTING_BASE_PATH  the URL path OUT_DIR is served under (default: the site root), so that
#                      OUT_DIR/Linalg is served at /HOSTING_BASE_PATH/Linalg/documentation/linalg/.
# Environment: SCRATCH_PATH, the SwiftPM build folder (default .build).
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ -z "$1" ]; then
    echo "usage: bash scripts/make_api_docs.sh OUT_DIR [HOSTING_BASE_PATH]" >&2
    exit 2
fi

modules=(Linalg MatrixExp Parametrizations HWNODE LMTrainer)
out_dir=$1
base=${2:-}
base=${base#/}
base=${base%/}
scratch=${SCRATCH_PATH:-.build}

cd "$(dirname "$0")/.."
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)

for module in "${modules[@]}"; do
    staging="$out_dir/.$module.partial"
    rm -rf "$staging"
    log="$out_dir/.$module.log"
    start=$(date +%s)
    if ! swift package --scratch-path "$scratch" --disable-sandbox generate-documentation \
        --target "$module" --output-path "$staging" \
        --transform-for-static-hosting --hosting-base-path "${base:+$base/}$module" >"$log" 2>&1; then
        rm -rf "$staging"
        echo "make_api_docs.sh: generate-documentation failed for $module; see $log" >&2
        exit 2
    fi
    elapsed=$(($(date +%s) - start))
    rm -rf "${out_dir:?}/$module"
    mv "$staging" "$out_dir/$module"
    warnings=$(grep -c '^warning:' "$log" || true)
    rm -f "$log"
    printf '%-17s %4d s  %d DocC warnings  %s/%s/documentation/%s/\n' \
        "$module" "$elapsed" "$warnings" "$out_dir" "$module" "$(echo "$module" | tr '[:upper:]' '[:lower:]')"
done
