import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { acquireStoreLock, LOCK_FILE } from '../../../src/persistence/storeLock';

describe('acquireStoreLock (one writer per history folder)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'atq-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a second writer is refused while the first holds the lock, and gets it once released', async () => {
    const first = await acquireStoreLock(dir, { pid: 111, isAlive: () => true });
    assert.ok(first);
    assert.equal(await acquireStoreLock(dir, { pid: 222, isAlive: () => true, waitMs: 150 }), undefined);
    await first.release();
    const second = await acquireStoreLock(dir, { pid: 222, isAlive: () => true, waitMs: 0 });
    assert.ok(second);
    assert.equal((JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid, 222);
  });

  it('takes over the lock of a process that no longer exists (a crashed window)', async () => {
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, host: hostname(), at: 'then' }));
    const lock = await acquireStoreLock(dir, { pid: 1, isAlive: (pid) => pid !== 999_999, waitMs: 0 });
    assert.ok(lock);
  });

  it('waits for a holder that lets go within the wait (a window being reloaded)', async () => {
    const first = await acquireStoreLock(dir, { pid: 111, isAlive: () => true });
    setTimeout(() => void first!.release(), 150);
    assert.ok(await acquireStoreLock(dir, { pid: 222, isAlive: () => true, waitMs: 2_000 }));
  });

  it('release never removes a lock that another writer took over', async () => {
    const first = await acquireStoreLock(dir, { pid: 111, isAlive: () => true });
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 333, host: hostname(), at: 'now' }));
    await first!.release();
    assert.equal((JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid, 333);
  });
});
