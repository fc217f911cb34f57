// Exits 0 when node_modules matches package-lock.json (every locked package present at its locked
// version), 1 otherwise. Used by setup.sh to decide whether `npm ci` is needed. Plain Node, no deps.
'use strict';
const fs = require('fs');
const path = require('path');

const repo = path.resolve(process.argv[2] || path.join(__dirname, '..'));
const verbose = process.argv.includes('--verbose');

function fail(reason) {
  if (verbose || process.env.ATQ_DEBUG) console.error(`[checkDeps] ${reason}`);
  process.exit(1);
}

let lock;
try {
  lock = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
} catch (err) {
  fail(`cannot read package-lock.json: ${err.message}`);
}
if (!fs.existsSync(path.join(repo, 'node_modules'))) fail('node_modules missing');

const packages = lock.packages || {};
for (const [key, entry] of Object.entries(packages)) {
  if (!key.startsWith('node_modules/') || entry.link) continue;
  const manifest = path.join(repo, key, 'package.json');
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  } catch {
    // Optional packages for other platforms (e.g. @esbuild/darwin-arm64) are legitimately absent.
    if (entry.optional) continue;
    fail(`${key} missing`);
  }
  if (entry.version && installed.version !== entry.version) {
    fail(`${key} is ${installed.version}, lock wants ${entry.version}`);
  }
}
process.exit(0);
