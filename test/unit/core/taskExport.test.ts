import { strict as assert } from 'node:assert';
import { failure } from '../../../src/core/domain/failureClassifier';
import { CSV_COLUMNS, formatTaskExport, type JsonExport } from '../../../src/core/reports/taskExportFormats';
import { toExportRecord } from '../../../src/core/reports/taskExportRecord';
import type { Task } from '../../../src/core/domain/taskModel';
import { task, usage } from '../helpers/taskFixture';

const KEY = 'sk-live-0123456789abcdef';
const ctx = { redact: (t: string): string => t.split(KEY).join('«redacted»'), providerLabel: (id: string): string => (id === 'openai' ? 'OpenAI' : id) };

/** Tasks whose text exercises every quoting rule: commas, quotes, CR, LF, CRLF, leading spaces, backticks, pipes, unicode. */
const TRICKY: Task[] = [
  task('plain', { usage: usage(12, 34), costUsd: 0.000123, batchId: 'b1' }),
  task('quotes', { title: 'He said "hi", then left', output: 'line 1\nline 2\r\nline 3\r"quoted"', prompt: ' leading space', costUsd: null, usage: usage(1, 2, true) }),
  task('fences', { output: 'Here:\n```js\nconst a = 1;\n```\nand ```` four', title: 'a | b `c`', systemPrompt: 'be brief' }),
  task('failed', { status: 'failed', error: failure('TIMEOUT', `Timed out; key ${KEY}`), attempts: 3, retriedFailures: ['RATE_LIMITED', 'NETWORK'], output: `partial with ${KEY}` }),
  task('queued', { status: 'queued', startedAt: undefined, finishedAt: undefined, output: '' }),
  task('unicode', { title: 'Zürich 漢字 🙂', output: 'é\u2028x' }),
];

/** A minimal RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      assert.ok(c !== '\r' && c !== '\n' && c !== '"', `unquoted ${JSON.stringify(c)} at ${i}`);
      field += c;
    }
  }
  assert.equal(field, '', 'the file ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

describe('task export', () => {
  const records = TRICKY.map((t) => toExportRecord(t, ctx));

  it('JSON parses back to exactly the exported records', () => {
    const parsed = JSON.parse(formatTaskExport(records, 'json', '2025-03-10T12:00:00.000Z')) as JsonExport;
    assert.equal(parsed.format, 'ai-task-queue/export');
    assert.deepEqual(parsed.tasks, records);
  });

  it('CSV parses back (RFC 4180) to the same values, one row per task, columns in order', () => {
    const rows = parseCsv(formatTaskExport(records, 'csv', 'now'));
    assert.deepEqual(rows[0], CSV_COLUMNS.map(([name]) => name));
    assert.equal(rows.length, records.length + 1);
    records.forEach((r, i) => {
      const expected = CSV_COLUMNS.map(([, value]) => {
        const v = value(r);
        return v === undefined || v === null ? '' : String(v);
      });
      assert.deepEqual(rows[i + 1], expected, r.id);
    });
    const quotes = rows[2]!;
    assert.equal(quotes[CSV_COLUMNS.findIndex(([n]) => n === 'output')], 'line 1\nline 2\r\nline 3\r"quoted"');
    assert.equal(quotes[CSV_COLUMNS.findIndex(([n]) => n === 'costUsd')], 'unknown', 'an unknown price is never an empty (free-looking) cell');
  });

  it('Markdown fences are longer than any backtick run inside, so output cannot break out', () => {
    const md = formatTaskExport(records, 'markdown', 'now');
    assert.ok(md.includes('`````text\nHere:\n```js\nconst a = 1;\n```\nand ```` four\n`````'));
    assert.match(md, /\| a \\\| b \\`c\\` \|/, 'table cells escape pipes and backticks');
    assert.match(md, /## 4\. Task failed/);
  });

  it('never contains a key, in any format', () => {
    for (const format of ['json', 'csv', 'markdown'] as const) {
      const text = formatTaskExport(records, format, 'now');
      assert.ok(!text.includes(KEY), `${format} leaks the key`);
      assert.ok(text.includes('«redacted»'), `${format} lost the redacted text`);
    }
  });

  it('records carry times as ISO strings and derived durations', () => {
    const r = records[0]!;
    assert.equal(r.createdAt, '2025-03-10T12:00:00.000Z');
    assert.equal(r.durationMs, 1000);
    assert.equal(r.provider, 'OpenAI');
    assert.equal(records[4]!.startedAt, undefined);
  });
});
