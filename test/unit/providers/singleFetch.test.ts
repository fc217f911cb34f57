// providerFetch is where a key's journey is policed (base URL check, no cross-origin redirect), so
// it must stay the only place the product calls fetch: a second call site would bypass all of it.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('providerFetch is the only fetch in the product', () => {
  it('no file in src/ or webview-ui/ calls fetch( except src/providers/http/providerFetch.ts', () => {
    const callers = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'webview-ui'))]
      .filter((file) => /(^|[^\w.])fetch\s*\(/m.test(readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '')))
      .map((file) => relative(ROOT, file));
    assert.deepEqual(callers, ['src/providers/http/providerFetch.ts']);
  });
});
