// Totals every suite and stage of one `npm test` run into the single final line
// "N passed, M failed[, K skipped]" and exits 1 when anything failed.
//   node scripts/summarize.js <results dir> <suite|stage:name>...
// A suite named here must have left <results dir>/<suite>.result.json ({passed, failed, skipped});
// a missing or unreadable file counts as one failure (the suite crashed or never ran).
// Stages (typecheck, lint, build…) leave <results dir>/stages/<name>.rc; a non-zero rc is one failure.
'use strict';
const fs = require('fs');
const path = require('path');

const [resultsDir, ...entries] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];

for (const entry of entries) {
  if (entry.startsWith('stage:')) {
    const name = entry.slice('stage:'.length);
    let rc;
    try {
      rc = fs.readFileSync(path.join(resultsDir, 'stages', `${name}.rc`), 'utf8').trim();
    } catch {
      rc = 'did not run';
    }
    if (rc !== '0') failed += 1;
    rows.push([name, rc === '0' ? 'ok' : `FAILED (${rc === 'did not run' ? rc : `exit ${rc}`})`]);
    continue;
  }
  const file = path.join(resultsDir, `${entry}.result.json`);
  try {
    const result = JSON.parse(fs.readFileSync(file, 'utf8'));
    const p = Number(result.passed) || 0;
    const f = Number(result.failed) || 0;
    const s = Number(result.skipped) || 0;
    passed += p;
    failed += f;
    skipped += s;
    rows.push([entry, `${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}${result.note ? ` (${result.note})` : ''}`]);
  } catch {
    failed += 1;
    rows.push([entry, 'FAILED (no results: the suite crashed or did not run)']);
  }
}

const width = Math.max(...rows.map(([name]) => name.length), 5);
console.log('');
console.log('Summary');
for (const [name, text] of rows) console.log(`  ${name.padEnd(width)}  ${text}`);
console.log('');
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
