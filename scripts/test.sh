#!/usr/bin/env bash
# THE TEST COMMAND (`npm test`, and CI through .ci/run): setup, typecheck, lint, build, unit tests,
# the integration suite inside a real VS Code extension host (code-server), and the Playwright
# end-to-end test in Chromium. Keeps going after a failure so one run reports everything, then
# prints ONE final line "N passed, M failed[, K skipped]" totalled over every suite (a failed
# stage such as lint counts as one failure) and exits non-zero if anything failed.
# Logs, results and screenshots: test-results/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ATQ_LOG_TAG=test
cd "$ATQ_REPO"
exec </dev/null   # nothing may wait for a keyboard (CI has no stdin)

total_start=$SECONDS
results="$ATQ_RESULTS"
rm -rf "$results"
mkdir -p "$results/stages" "$results/logs"
summary_args=()

# run_stage NAME CMD...: runs CMD with its output on the console and in test-results/logs/NAME.log,
# records the exit code in test-results/stages/NAME.rc. Returns CMD's exit code.
run_stage() {
  local name="$1"; shift
  local start=$SECONDS rc
  atq_log "── $name: $*"
  "$@" 2>&1 | tee "$results/logs/$name.log"
  rc=${PIPESTATUS[0]}
  echo "$rc" > "$results/stages/$name.rc"
  if [ "$rc" = 0 ]; then atq_log "── $name ok ($((SECONDS - start))s)"
  else atq_log "── $name FAILED with exit $rc ($((SECONDS - start))s; log: test-results/logs/$name.log)"; fi
  return "$rc"
}

finish() {
  atq_log "total time $((SECONDS - total_start))s"
  node scripts/summarize.js "$results" "${summary_args[@]}"
  exit $?
}

# 1. Setup: without it nothing else can run.
summary_args+=(stage:setup)
run_stage setup bash scripts/setup.sh || finish

# 2. Static checks.
summary_args+=(stage:typecheck stage:lint)
run_stage typecheck npm run --silent typecheck
run_stage lint npm run --silent lint

# 3. Build: extension + webview + test bundles (esbuild.js --tests), the Node harness, the .vsix.
build() {
  rm -rf out
  node esbuild.js --tests && atq_build_harness
}
summary_args+=(stage:build)
if ! run_stage build build; then
  atq_log "build failed: the unit, integration and e2e suites cannot run"
  summary_args+=(unit integration integration-reload integration-workflow-reload integration-batch-reload integration-untrusted e2e)
  finish
fi

# 4. Unit tests: spec output on the console, counts in test-results/unit.result.json.
summary_args+=(unit)
run_stage unit-tests node_modules/.bin/mocha --config .mocharc.unit.json \
  --reporter out/test/harness/resultReporter.js \
  --reporter-option suite=unit --reporter-option "out=$results/unit.result.json"

# 5. Integration tests inside code-server's real extension host (loads the repo as the extension).
summary_args+=(integration)
run_stage integration node out/test/harness/integrationMain.js

# 5b. The window-reload test reloads the workbench, which re-runs the payload from the start, so it
# runs alone in its own code-server.
summary_args+=(integration-reload)
run_stage integration-reload env ATQ_INTEGRATION_SUITE=integration-reload ATQ_INTEGRATION_GREP="window reload" \
  node out/test/harness/integrationMain.js
summary_args+=(integration-workflow-reload)
run_stage integration-workflow-reload env ATQ_INTEGRATION_SUITE=integration-workflow-reload ATQ_INTEGRATION_GREP="workflow reload" \
  node out/test/harness/integrationMain.js

# 5c. The same for a provider batch: a reload in the middle of one, after which polling resumes.
summary_args+=(integration-batch-reload)
run_stage integration-batch-reload env ATQ_INTEGRATION_SUITE=integration-batch-reload ATQ_INTEGRATION_GREP="provider batch reload" \
  node out/test/harness/integrationMain.js

# 5d. Restricted Mode: workspace trust on, an untrusted folder whose settings try to steer prompts
# and prices. Its own code-server (the others run with --disable-workspace-trust); one test file.
summary_args+=(integration-untrusted)
run_stage integration-untrusted env ATQ_INTEGRATION_SUITE=integration-untrusted ATQ_UNTRUSTED_WORKSPACE=1 \
  ATQ_INTEGRATION_GREP="Restricted Mode" node out/test/harness/integrationMain.js

# 6. End to end: the packaged .vsix installed into code-server, driven in Chromium. Packaging must
# print no warning: the Marketplace shows the manifest as it is.
package_vsix() {
  local out rc
  out="$(node_modules/.bin/vsce package --no-dependencies -o "$results/ai-task-queue.vsix" 2>&1)"
  rc=$?
  printf '%s\n' "$out"
  [ "$rc" = 0 ] || return "$rc"
  if grep -q 'WARNING' <<<"$out"; then echo "vsce printed a warning"; return 1; fi
}
summary_args+=(stage:package)
if run_stage package package_vsix; then
  summary_args+=(stage:vsix-contents)
  run_stage vsix-contents node scripts/checkVsix.js "$results/ai-task-queue.vsix"
  summary_args+=(e2e)
  run_stage e2e env ATQ_VSIX="$results/ai-task-queue.vsix" node_modules/.bin/mocha --no-config --timeout 240000 \
    --reporter out/test/harness/resultReporter.js \
    --reporter-option suite=e2e --reporter-option "out=$results/e2e.result.json" \
    out/test/e2e/workbench.e2e.js out/test/e2e/cancelAll.e2e.js out/test/e2e/selectModel.e2e.js out/test/e2e/costEstimate.e2e.js out/test/e2e/results.e2e.js \
    out/test/e2e/panelState.e2e.js out/test/e2e/simulator.e2e.js out/test/e2e/restrictedMode.e2e.js out/test/e2e/promptFiles.e2e.js \
    out/test/e2e/walkthrough.e2e.js out/test/e2e/keyboardOnly.e2e.js out/test/e2e/providerBatch.e2e.js out/test/e2e/pseudoLocale.e2e.js
else
  summary_args+=(e2e)
fi

finish
