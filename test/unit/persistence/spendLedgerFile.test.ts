import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpendLedgerFile } from '../../../src/persistence/spendLedgerFile';
import { SpendLedger } from '../../../src/core/usage/spendLedger';

describe('spend ledger file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atq-spend-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const at = Date.UTC(2026, 11, 2, 12, 0, 0);

  it('survives a reload: a new session reads what earlier ones spent', async () => {
    const first = new SpendLedgerFile({ directory: dir, windowId: 'w1', now: () => at });
    await first.load();
    await first.append({ at, usd: 0.25, estimated: false });
    await first.append({ at: at + 1, usd: null, estimated: false });
    await first.append({ at: at + 2, usd: 0.05, estimated: true });
    const reloaded = await new SpendLedgerFile({ directory: dir, windowId: 'w2', now: () => at }).load();
    const ledger = new SpendLedger(() => 0);
    reloaded.forEach((e) => ledger.add(e));
    assert.deepEqual(ledger.day(at), { usd: 0.3, estimatedUsd: 0.05, unpricedRuns: 1 });
  });

  it("shares one day between windows: each reads the other's new lines, not its own twice", async () => {
    const a = new SpendLedgerFile({ directory: dir, windowId: 'a', now: () => at });
    const b = new SpendLedgerFile({ directory: dir, windowId: 'b', now: () => at });
    await a.load();
    await b.load();
    await a.append({ at, usd: 1, estimated: false });
    await b.append({ at, usd: 2, estimated: false });
    assert.deepEqual((await a.readNew()).map((e) => e.usd), [2]);
    assert.deepEqual((await b.readNew()).map((e) => e.usd), [1]);
    assert.deepEqual(await a.readNew(), [], 'nothing new');
  });

  it('skips a line cut short by a crash and lines that do not parse', async () => {
    const file = new SpendLedgerFile({ directory: dir, windowId: 'w', now: () => at });
    await file.load();
    await file.append({ at, usd: 0.5, estimated: false });
    const name = (await fs.readdir(dir))[0]!;
    await fs.appendFile(path.join(dir, name), '{"t":1,"usd":"free","est":false,"w":"x"}\n{"t":2,"usd":0.1,"es');
    const entries = await new SpendLedgerFile({ directory: dir, windowId: 'other', now: () => at }).load();
    assert.deepEqual(entries.map((e) => e.usd), [0.5]);
  });
});
