#!/bin/sh
# Installs the browser-test driver (playwright-core, axe-core) under tests/browser/node_modules.
cd "$(dirname "$0")/../tests/browser" 2>/dev/null && [ -f package.json ] || exit 0
[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] && exit 0
npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
