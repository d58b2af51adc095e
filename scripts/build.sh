#!/usr/bin/env bash
# `npm run build [-- <outdir>]`: the platform (dist/main.js) and the operator CLI (dist/cli.js) as two bundles of
# compiled JavaScript, run with plain `node` (docs/decisions/053). Type checking is `npm run typecheck`.
set -euo pipefail
out=$(realpath -m "${1:-dist}")
cd "$(dirname "$0")/.."
rm -rf "$out"
# Optional native add-ons stay out of the bundles: their packages load without them (pg's native
# binding, ssh2's crypto and cpu-features of dockerode's ssh transport).
npx esbuild src/main.ts src/cli.ts --bundle --platform=node --target=node20 --format=cjs \
  --external:pg-native --external:cpu-features --external:'*.node' \
  --banner:js='#!/usr/bin/env node' --legal-comments=none --log-level=warning --outdir="$out"
chmod 755 "$out/main.js" "$out/cli.js"
# Files read at run time beside the code (their modules look in __dirname, which is dist/ now).
cp -r src/notifications/templates/en "$out/en"
cp src/adapters/identity/commonPasswords.txt "$out/commonPasswords.txt"
