// Checks what the packaged .vsix holds: only the bundles, the host's l10n bundle, media, README, CHANGELOG, LICENSE and the manifest,
// no source maps, and a small size. Run by scripts/test.sh after packaging.
const { execFileSync } = require('child_process');
const fs = require('fs');

const vsix = process.argv[2];
// OpenAI's o200k_base token ranks (dist/tokenizers/, loaded on first use, ~1 MB zipped) are what
// exact token counts before a run cost; the rest of the extension stays under 420 KB, plus the
// walkthrough's five pictures of the real UI (media/walkthrough/, about 190 KB). The 20 KB over the
// earlier 400 are translation: 1,001 messages in l10n/bundle.l10n.json (16 KB zipped) and the
// webviews' own messages and l10n runtime.
const MAX_BYTES = 1650 * 1024;
const ALLOWED = [/^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/, /^extension\/package\.json$/, /^extension\/package\.nls\.json$/, /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/, /^extension\/readme\.md$/, /^extension\/LICENSE\.txt$/, /^extension\/media\/(walkthrough\/)?[^/]+\.(svg|png)$/, /^extension\/changelog\.md$/, /^extension\/dist\/(webview\/|tokenizers\/)?[^/]+\.js$/];

const listing = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' });
const names = listing.split('\n').filter(Boolean);
const unexpected = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
const size = fs.statSync(vsix).size;
console.log(`${vsix}: ${names.length} files, ${(size / 1024).toFixed(1)} KB`);
for (const n of names) console.log(`  ${n}`);
let ok = true;
if (unexpected.length) {
  console.error(`unexpected files in the .vsix: ${unexpected.join(', ')}`);
  ok = false;
}
if (size > MAX_BYTES) {
  console.error(`the .vsix is ${size} bytes, over the ${MAX_BYTES} byte budget`);
  ok = false;
}
for (const required of ['extension/package.json', 'extension/l10n/bundle.l10n.json', 'extension/dist/extension.js', 'extension/dist/webview/main.js', 'extension/dist/webview/results.js', 'extension/readme.md', 'extension/LICENSE.txt']) {
  if (!names.includes(required)) {
    console.error(`missing from the .vsix: ${required}`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
