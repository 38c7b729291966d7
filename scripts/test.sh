#!/usr/bin/env bash
# The one test command (`npm test`, `.ci/run`): types, Svelte checks, unit tests, build, end-to-end stories.
set -euo pipefail
cd "$(dirname "$0")/.."

# Playwright drives the system Chromium; it must never fetch browsers of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ -x "$CHROMIUM_PATH" ]] || { echo "error: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1; }
elif [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: /usr/bin/chromium is missing; install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
  step "Installing Debian Chromium for the end-to-end tests: apt-get update && apt-get install -y chromium"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

if [[ ! -d node_modules ]]; then
  step "npm ci (node_modules is missing)"
  npm ci
fi

step "Type check: tsc -p ."
npx tsc -p .

step "Svelte check"
npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings

step "Unit tests: vitest run"
npx vitest run

step "Build: vite build"
npx vite build

step "End-to-end: playwright test"
npx playwright test
