import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileTaskStore, JOURNAL_FILE, SNAPSHOT_FILE } from '../../../src/persistence/fileTaskStore';
import { encodeJournalHeader, encodeSnapshot } from '../../../src/persistence/historyFileFormat';
import { outputFor, storedTask } from '../helpers/storedTaskFixture';

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5);

describe('FileTaskStore', () => {
  let dir: string;
  const open = (extra: Partial<ConstructorParameters<typeof FileTaskStore>[0]> = {}): FileTaskStore => new FileTaskStore({ directory: dir, now: () => NOW, ...extra });
  const files = (): string[] => readdirSync(dir).sort();
  /** Loads with a fresh store and closes it (a store holds its journal open). */
  const loadOnce = async (): Promise<Awaited<ReturnType<FileTaskStore['load']>>> => {
    const store = open();
    try {
      return await store.load();
    } finally {
      await store.close();
    }
  };

  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'atq-store-')), 'history');
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('round-trips batches, keeps first-saved order when a record is replaced, and applies removals', async () => {
    const store = open();
    assert.deepEqual(await store.load(), { tasks: [], warnings: [] });
    await store.save({ put: [storedTask('a', 1), storedTask('b', 2)], remove: [] });
    await store.save({ put: [storedTask('c', 3), storedTask('a', 4)], remove: ['b'] });
    await store.close();
    const loaded = await loadOnce();
    assert.deepEqual(loaded.warnings, []);
    assert.deepEqual(loaded.tasks, [storedTask('a', 4), storedTask('c', 3)]);
  });

  it('folds the journal into a new snapshot once it outgrows the threshold, losing nothing', async () => {
    const store = open({ compactAtChars: 10_000 });
    await store.load();
    for (let n = 1; n <= 40; n++) await store.save({ put: [storedTask(`t${n}`, n)], remove: [] });
    await store.close();
    const snapshot = JSON.parse(readFileSync(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { generation: number };
    assert.ok(snapshot.generation > 2, `generation ${snapshot.generation}`);
    const loaded = await loadOnce();
    assert.deepEqual(loaded.tasks.map((t) => t.output), Array.from({ length: 40 }, (_, i) => outputFor(i + 1)));
  });

  it('drops a torn last line (a crash mid-append) silently and appends cleanly after it', async () => {
    const store = open();
    await store.load();
    await store.save({ put: [storedTask('a', 1)], remove: [] });
    await store.close();
    appendFileSync(path.join(dir, JOURNAL_FILE), '{"put":[{"id":"b","tit');
    const second = open();
    assert.deepEqual((await second.load()).warnings, []);
    await second.save({ put: [storedTask('c', 3)], remove: [] });
    await second.close();
    const loaded = await loadOnce();
    assert.deepEqual(loaded.warnings, []);
    assert.deepEqual(loaded.tasks.map((t) => t.id), ['a', 'c']);
  });

  it('moves a damaged journal aside with a warning and keeps every readable batch, before and after the damage', async () => {
    const store = open();
    await store.load();
    await store.save({ put: [storedTask('a', 1)], remove: [] });
    await store.close();
    appendFileSync(path.join(dir, JOURNAL_FILE), 'garbage that is not json\n');
    appendFileSync(path.join(dir, JOURNAL_FILE), `{"put":[${JSON.stringify(storedTask('b', 2))}],"remove":[]}\n`);
    const loaded = await loadOnce();
    assert.deepEqual(loaded.tasks.map((t) => t.id), ['a', 'b']);
    assert.equal(loaded.warnings.length, 1);
    assert.match(loaded.warnings[0]!, /damaged: 1 line\(s\).*moved to .*history\.journal\.damaged-2025-01-02T03-04-05-000Z/);
    assert.ok(files().includes('history.journal.damaged-2025-01-02T03-04-05-000Z'));
    // The store was rewritten whole: the next load is clean.
    assert.deepEqual((await loadOnce()).warnings, []);
  });

  it('moves an unreadable snapshot aside, warns, and recovers what the journal holds', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, SNAPSHOT_FILE), '{"format":"ai-task-queue/history","version":1,"generation":3,"tasks":[{"id":"x"');
    writeFileSync(path.join(dir, JOURNAL_FILE), `${encodeJournalHeader(3)}{"put":[${JSON.stringify(storedTask('j', 7))}],"remove":[]}\n`);
    const loaded = await loadOnce();
    assert.deepEqual(loaded.tasks.map((t) => t.id), ['j']);
    assert.equal(loaded.warnings.length, 1);
    assert.match(loaded.warnings[0]!, /could not be read .*moved to .*history\.json\.unreadable-2025-01-02T03-04-05-000Z/);
    assert.ok(files().some((f) => f.startsWith('history.json.unreadable-')));
  });

  it('moves aside a snapshot written by another format version instead of misreading it', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, SNAPSHOT_FILE), JSON.stringify({ format: 'ai-task-queue/history', version: 99, generation: 1, tasks: [] }));
    const loaded = await loadOnce();
    assert.match(loaded.warnings[0]!, /another version of the extension \(format version 99\)/);
    assert.deepEqual(loaded.tasks, []);
  });

  it('skips invalid records, keeps the valid ones, and keeps a copy of the original', async () => {
    mkdirSync(dir, { recursive: true });
    const good = JSON.stringify(storedTask('ok', 1));
    writeFileSync(path.join(dir, SNAPSHOT_FILE), encodeSnapshot(1, NOW, [good, '{"id":"bad","status":"exploded"}', '42']));
    writeFileSync(path.join(dir, JOURNAL_FILE), encodeJournalHeader(1));
    const loaded = await loadOnce();
    assert.deepEqual(loaded.tasks.map((t) => t.id), ['ok']);
    assert.match(loaded.warnings[0]!, /2 task record\(s\).*skipped.*copy of the original is at .*history\.json\.damaged-/);
  });

  it('ignores a journal of an older generation (a fold finished the snapshot but not the journal)', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, SNAPSHOT_FILE), encodeSnapshot(5, NOW, [JSON.stringify(storedTask('a', 2))]));
    // Generation 4's journal still says "a" is version 1 and "b" exists; the snapshot already supersedes both.
    writeFileSync(path.join(dir, JOURNAL_FILE), `${encodeJournalHeader(4)}{"put":[${JSON.stringify(storedTask('a', 1))}],"remove":[]}\n`);
    const loaded = await loadOnce();
    assert.deepEqual(loaded, { tasks: [storedTask('a', 2)], warnings: [] });
  });

  it('removes temporary files a crash left behind', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${SNAPSHOT_FILE}.1234.tmp`), 'half a snap');
    await loadOnce();
    assert.ok(!files().some((f) => f.endsWith('.tmp')));
  });

  it('bounds its size: drops the oldest finished tasks first and never a queued or running one', async () => {
    const problems: string[] = [];
    const store = open({ maxStoreChars: 60_000, compactAtChars: 1, onProblem: (m) => problems.push(m) });
    await store.load();
    await store.save({ put: [storedTask('queued-old', 0, { status: 'queued', finishedAt: undefined, createdAt: 0, output: 'x'.repeat(9_000) })], remove: [] });
    for (let n = 1; n <= 30; n++) await store.save({ put: [storedTask(`done${n}`, n, { output: 'y'.repeat(5_000) })], remove: [] });
    await store.close();
    const ids = (await loadOnce()).tasks.map((t) => t.id);
    assert.ok(ids.includes('queued-old'));
    assert.ok(ids.includes('done30') && !ids.includes('done1'), ids.join(','));
    assert.ok(store.storedChars <= 60_000);
    assert.match(problems[0]!, /oldest finished task\(s\) were dropped/);
  });

  it('cannot open its folder: warns, keeps the existing files untouched, and saves nothing', async () => {
    mkdirSync(path.dirname(dir), { recursive: true });
    writeFileSync(dir, 'a file where the folder should be');
    const store = open();
    const loaded = await store.load();
    assert.deepEqual(loaded.tasks, []);
    assert.match(loaded.warnings[0]!, /could not be opened.*will not be saved/);
    await store.save({ put: [storedTask('a', 1)], remove: [] });
    await store.close();
    assert.equal(readFileSync(dir, 'utf8'), 'a file where the folder should be');
    assert.ok(!existsSync(path.join(dir, SNAPSHOT_FILE)));
  });
});
