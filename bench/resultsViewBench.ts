// The results view with 1,000 rows, in Chromium: the real bundle (dist/webview/results.js) in a
// page with a stand-in for the VS Code webview API. Measures the first render of a 1,000-row
// snapshot, then 400 live updates of 4 streaming rows each, sent every 5 ms (faster than frames):
// how many redraws they cost, the slowest redraw, and that the rows were patched, not rebuilt
// (the same <tr> elements before and after). Prints JSON. Needs `node esbuild.js` first.
//   node out/bench/resultsViewBench.js
import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser } from '../test/harness/browser';
import { repoRoot } from '../test/harness/paths';
import type { ResultRow, ResultsHostMessage } from '../src/shared/resultsProtocol';

/** The few browser globals used inside page.evaluate (the Node-side tsconfig has no DOM library). */
interface PageEl {
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  readonly document: { getElementById(id: string): PageEl | null; querySelector(selector: string): PageEl | null };
  readonly MutationObserver: new (callback: () => void) => { observe(target: PageEl, options: object): void; disconnect(): void };
  readonly performance: { now(): number };
  postMessage(message: unknown, origin: string): void;
  acquireVsCodeApi?: () => unknown;
  posted?: unknown[];
  firstRow?: PageEl | null;
}

const ROWS = 1_000;
const UPDATES = 400;
const UPDATE_EVERY_MS = 5;

function row(i: number, status: ResultRow['status'], seq: number, now: number): ResultRow {
  const done = status === 'completed';
  return {
    id: `task-${i}`,
    seq,
    label: `src/module-${String(i).padStart(4, '0')}.ts`,
    status,
    providerLabel: 'OpenAI',
    model: 'gpt-4o-mini',
    createdAt: now - 60_000,
    startedAt: now - 30_000 + i,
    ...(done && { finishedAt: now - 1_000 + i }),
    inputTokens: 400 + i,
    outputTokens: 100 + (seq % 500),
    estimated: !done,
    costUsd: 0.0001 * (i % 17),
    preview: `Here is the file with a summary comment. Line ${seq} of the answer for module ${i}.`,
  };
}

function batch(done: number): Extract<ResultsHostMessage, { type: 'results/snapshot' }>['batch'] {
  return { batchId: 'bench', kind: 'files', title: 'Add a one-line summary comment', instruction: 'Add a one-line summary comment', total: ROWS, done, completed: done, failed: 0, cancelled: 0, running: ROWS - done, queued: 0, costUsd: 0.41, costUnknown: false, active: true, simulated: false };
}

async function main(): Promise<void> {
  const bundle = path.join(repoRoot, 'dist', 'webview', 'results.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} missing: run node esbuild.js`);
  const browser = await launchBrowser();
  try {
    const page = browser.page;
    await page.setContent('<!DOCTYPE html><html><body><div id="app"></div></body></html>');
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.posted = [];
      let state: unknown;
      w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.posted?.push(m), getState: () => state, setState: (s: unknown) => (state = s) });
    });
    page.on('pageerror', (e) => console.error('[pageerror]', e.message));
    await page.addScriptTag({ path: bundle });
    const now = Date.now();
    const snapshot: ResultsHostMessage = { type: 'results/snapshot', batch: batch(ROWS - 4), rows: Array.from({ length: ROWS }, (_, i) => row(i, i < 4 ? 'running' : 'completed', 10, now)) };
    const started = Date.now();
    // In-page: from posting the snapshot to the rows being in the DOM (validation, model, one frame).
    const inPageMs = page.evaluate(
      (rows) =>
        new Promise<number>((resolve) => {
          const g = globalThis as unknown as PageGlobals;
          const t0 = g.performance.now();
          const app = g.document.getElementById('app')!;
          const observer = new g.MutationObserver(() => {
            if (app.getAttribute('data-rows') === String(rows)) {
              observer.disconnect();
              resolve(g.performance.now() - t0);
            }
          });
          observer.observe(app, { attributes: true });
        }),
      ROWS,
    );
    await page.evaluate((m) => (globalThis as unknown as PageGlobals).postMessage(m, '*'), snapshot);
    const snapshotToDomMs = await inPageMs;
    await page.waitForSelector(`#app[data-rows="${ROWS}"]`, { timeout: 30_000, state: 'attached' });
    const firstRenderWallMs = Date.now() - started;
    const firstRenderMs = Number(await page.getAttribute('#app', 'data-render-ms'));
    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      g.firstRow = g.document.querySelector('tr[data-task-id="task-500"]');
    });
    const rendersBefore = Number(await page.getAttribute('#app', 'data-renders'));

    const maxMs = await page.evaluate(
      async ({ updates, every, base, header }) => {
        const g = globalThis as unknown as PageGlobals;
        let max = 0;
        const observer = new g.MutationObserver(() => {
          max = Math.max(max, Number(g.document.getElementById('app')?.getAttribute('data-render-ms') ?? 0));
        });
        observer.observe(g.document.getElementById('app')!, { attributes: true, attributeFilter: ['data-render-ms'] });
        for (let u = 0; u < updates; u++) {
          const rows = [0, 1, 2, 3].map((i) => ({ ...base[i]!, seq: 11 + u, outputTokens: 100 + u, preview: `streamed ${u}` }));
          g.postMessage({ type: 'results/update', batch: header, rows }, '*');
          await new Promise((r) => setTimeout(r, every));
        }
        await new Promise((r) => setTimeout(r, 200));
        observer.disconnect();
        return max;
      },
      { updates: UPDATES, every: UPDATE_EVERY_MS, base: [0, 1, 2, 3].map((i) => row(i, 'running', 10, now)), header: batch(ROWS - 4) },
    );
    const rendersAfter = Number(await page.getAttribute('#app', 'data-renders'));
    const sameRows = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return g.firstRow === g.document.querySelector('tr[data-task-id="task-500"]');
    });
    const streamed = await page.textContent('tr[data-task-id="task-0"] td.col-preview');
    const rendersBeforeSort = Number(await page.getAttribute('#app', 'data-renders'));
    await page.click('th button[data-sort="tokens"]');
    await page.waitForFunction((n) => Number((globalThis as unknown as PageGlobals).document.getElementById('app')?.getAttribute('data-renders')) > n, rendersBeforeSort, { timeout: 10_000 });
    const sortRedrawMs = Number(await page.getAttribute('#app', 'data-render-ms'));
    const sortedFirst = await page.getAttribute('tbody tr', 'data-task-id');
    console.log(
      JSON.stringify(
        {
          rows: ROWS,
          firstRenderMs,
          snapshotToDomMs: Math.round(snapshotToDomMs),
          firstRenderWallMs,
          updateMessages: UPDATES,
          redrawsForUpdates: rendersAfter - rendersBefore,
          slowestUpdateRedrawMs: maxMs,
          rowsRebuiltByUpdates: !sameRows,
          lastUpdateShown: streamed === 'streamed 399',
          sortByTokensRedrawMs: sortRedrawMs,
          sortedFirstRow: sortedFirst,
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
