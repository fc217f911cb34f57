// What `npm run l10n:export` (@vscode/l10n-dev) would write to l10n/bundle.l10n.json from the
// sources today: every `vscode.l10n.t` / `l10n.t` message under src/ and webview-ui/ (the webviews
// translate with the same bundle, which the host puts in their pages), keyed by its English text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const SCRIPT = /\.(ts|tsx|js|jsx)$/;
/** The folders `npm run l10n:export` scans, in its order. */
export const EXPORTED_ROOTS = ['src', 'webview-ui'];

function scripts(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) scripts(p, out);
    else if (SCRIPT.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

export async function exportedBundle(root: string): Promise<Record<string, unknown>> {
  const files = EXPORTED_ROOTS.flatMap((r) => scripts(path.join(root, r))).map((p) => ({ contents: fs.readFileSync(p, 'utf8'), extension: path.extname(p) }));
  return (await getL10nJson(files)) as Record<string, unknown>;
}
