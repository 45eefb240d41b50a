#!/usr/bin/env bash
# `npm start`: install npm packages if needed, then run the single-box server
# (it builds the app when the build is missing or stale).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec node --import tsx server/main.ts
