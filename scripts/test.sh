#!/usr/bin/env bash
# The README's test command: provision what the tests need, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp verify
