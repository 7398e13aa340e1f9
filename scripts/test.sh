#!/usr/bin/env bash
# Runs the whole test suite (unit, conformance, differential and integration tests)
# with node's own test runner. Node 20 does not expand globs, so the files are listed here.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then files=("$@"); else mapfile -t files < <(find src test bench -name '*.test.ts' -not -path '*/node_modules/*' | sort); fi
exec node --import tsx --test --test-concurrency=2 --test-timeout=600000 "${files[@]}"
