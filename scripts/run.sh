#!/usr/bin/env bash
# THE PRODUCT RUN COMMAND (`npm start`): builds the extension, packages and installs it into a real
# VS Code (code-server) with a persistent profile, and serves it on http://127.0.0.1:$PORT
# (default 8080; a free port if that one is busy). If no OpenAI-compatible server answers at the
# configured base URL, starts the offline simulator and says so loudly. Ctrl-C stops everything.
#   PORT=9000 AI_TASK_QUEUE_WORKSPACE=~/project npm start
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ATQ_LOG_TAG=run
cd "$ATQ_REPO"

bash scripts/setup.sh

atq_log "building the extension (npm run build)"
npm run --silent build

vsix="$ATQ_CACHE/ai-task-queue.vsix"
atq_log "packaging $vsix"
node_modules/.bin/vsce package --no-dependencies --allow-missing-repository --skip-license -o "$vsix" </dev/null >"$ATQ_CACHE/vsce.log" 2>&1 \
  || { cat "$ATQ_CACHE/vsce.log"; atq_log "ERROR: vsce package failed"; exit 1; }

atq_log "building the run harness and the offline simulator"
atq_build_harness
node_modules/.bin/esbuild test/fakes/fakeServerMain.ts --bundle --platform=node --format=cjs --target=node20 \
  --packages=external --log-level=warning --outfile=out/test/fakes/fakeServerMain.js

exec node out/test/harness/runMain.js --vsix "$vsix"
