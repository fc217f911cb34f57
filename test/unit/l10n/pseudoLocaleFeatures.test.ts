// A pseudo-locale run of what src/core's feature folders hand the adapters (provider batches, the
// Markdown export, quality checks, prompt-file problems, results): with every message of
// l10n/bundle.l10n.json pseudo-localized and the data in non-ASCII letters, any plain English word
// left in the words phraseText writes was never translated. Every sentence of these concerns is
// rendered once with made-up arguments, and the real outputs once with real data.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { verbatim, type PhraseArg } from '../../../src/core/domain/phrase';
import { phraseText } from '../../../src/views/format/phraseText';
import { BATCH_SENTENCES } from '../../../src/views/format/sentences/batchSentences';
import { PROMPT_FILE_SENTENCES } from '../../../src/views/format/sentences/promptFileSentences';
import { QUALITY_SENTENCES } from '../../../src/views/format/sentences/qualitySentences';
import { EXPORT_SENTENCES, REPORT_SENTENCES } from '../../../src/views/format/sentences/reportSentences';
import { RESULT_SENTENCES } from '../../../src/views/format/sentences/resultSentences';
import { jobSummaryText, partStateText, partStatusLine, summarizeJob } from '../../../src/core/batches/batchJobText';
import type { BatchJob, BatchPart } from '../../../src/core/batches/batchJob';
import { externalResultFor, missingResult } from '../../../src/core/batches/resultSettlement';
import { formatTaskExport } from '../../../src/core/reports/taskExportFormats';
import { toExportRecord } from '../../../src/core/reports/taskExportRecord';
import { nextStep } from '../../../src/core/reports/failureAnalysis';
import { parseTaskFilter } from '../../../src/core/reports/taskFilter';
import { scoreOutput } from '../../../src/core/quality/qualityChecks';
import { parsePromptFile } from '../../../src/core/promptFiles/promptFileParser';
import { PromptFileError } from '../../../src/core/promptFiles/promptFileProblem';
import { expandPromptFile } from '../../../src/core/promptFiles/expandPromptFile';
import { blockLabel, chooseAnswer, describeChoice } from '../../../src/core/results/answerChoice';
import { planSelectionReplace } from '../../../src/core/results/applyPlan';
import { batchProgress, summarizeBatch } from '../../../src/core/results/batchSummary';
import { formatUsd } from '../../../src/shared/formatUsd';
import { FAILURE_CODES, TASK_STATUSES } from '../../../src/shared/taskVocabulary';
import { task, usage } from '../helpers/taskFixture';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * Codes shown as they are: statuses, priorities, log levels, failure codes, and what a person types
 * in a prompt file or a filter (front matter keys, check kinds, a filter key).
 */
const NOT_LANGUAGE = new Set<string>([...TASK_STATUSES, ...FAILURE_CODES, 'status', 'priority', 'maxOutputTokens', 'model', 'urgent', 'high', 'normal', 'low', 'info', 'warn', 'contains', 'notContains', 'regex', 'json', 'maxLength', 'codeBlock']);

/** Set aside: prompt-file variables (typed as they are), ISO timestamps, a fence's info string. */
const NOT_PROSE = [/\$\{[^}\n]*\}/g, /\d{4}-\d\d-\d\dT[\d:.]+Z/g, /`{3,}text/g];

function englishWords(text: string): string[] {
  const prose = NOT_PROSE.reduce((t, re) => t.replace(re, ' '), text);
  return [...new Set(prose.match(/[A-Za-z][A-Za-z0-9_]+/g) ?? [])].filter((w) => !NOT_LANGUAGE.has(w));
}

const DATA = { title: 'Ŧȧşķ ǿƞḗ', model: 'ɠƥŧ-4ǿ', provider: 'Ǿƥḗƞ', file: 'şřƈ/ȧ.ŧş', text: 'ẋẏẑ' };
const argText = (a: PhraseArg): string => (typeof a === 'object' ? phraseText(a) : String(a));

/** Every sentence of these concerns, each argument a non-ASCII word (numbers included: the sentence formats what it is given). */
function everySentence(): string[] {
  const anyArgs = new Proxy({}, { get: () => DATA.text });
  const concerns = [BATCH_SENTENCES, PROMPT_FILE_SENTENCES, QUALITY_SENTENCES, REPORT_SENTENCES, EXPORT_SENTENCES, RESULT_SENTENCES];
  return concerns.flatMap((c) => Object.entries(c).map(([key, write]) => `${key}: ${(write as (a: unknown, t: typeof argText) => string)(anyArgs, argText)}`.replace(/^[\w.]+: /, '')));
}

function batchTexts(): string[] {
  const status = (phase: 'in_progress' | 'ended', progressKnown: boolean, outcome?: 'expired'): NonNullable<BatchPart['status']> => ({ id: 'ƀ1', phase, providerStatus: phase, ...(outcome && { outcome }), counts: { total: 5, done: 2, failed: 0 }, progressKnown, resultsRef: {} });
  const part = (index: number, over: Partial<BatchPart>): BatchPart => ({ index, requests: 5, bytes: 1, state: 'submitted', submitAttempts: 1, quietChecks: 0, failedChecks: 0, cancelSent: false, ...over });
  const job: BatchJob = { id: 'ĵ', providerId: 'ǿ', title: DATA.title, models: [DATA.model], requests: 20, createdAt: 0, cancelRequested: true, parts: [
    part(0, { status: status('in_progress', true) }),
    part(1, { status: status('in_progress', false), lastError: { key: 'batch.part.callFailed', args: { what: { key: 'batch.call.checkFailed', args: {} }, error: { key: 'verbatim', args: { text: DATA.text } } } } }),
    part(2, { state: 'ingested', status: status('ended', true, 'expired') }),
    part(3, { state: 'pending', submitAttempts: 0 }),
  ] };
  const context = { providerLabel: DATA.provider, finishedAt: 1 };
  const refused = missingResult({ ...status('ended', true), outcome: 'failed', problem: verbatim(DATA.text), lineErrors: [...[1, 2, 3].map((line) => ({ line, message: DATA.text })), { line: 4 }] }, context);
  const failures = [externalResultFor({ customId: 'ȓ', kind: 'expired' }, context, ''), missingResult(undefined, context), missingResult(status('ended', true), context), refused, missingResult({ ...status('ended', true), outcome: 'cancelled' }, context)]
    .map((r) => (r.kind === 'failed' ? phraseText(r.failure.reason) : r.kind === 'cancelled' ? phraseText(r.reason) : ''));
  return [...job.parts.flatMap((p) => [phraseText(partStatusLine(job, p, DATA.provider)), phraseText(partStateText(job, p))]), phraseText(jobSummaryText(summarizeJob(job))), ...failures];
}

function exportAndReports(): string[] {
  const tasks = [
    task('ȧ', { title: DATA.title, prompt: DATA.text, output: DATA.text, systemPrompt: DATA.text, model: DATA.model, usage: usage(10, 5, true), costUsd: 0.4, batchId: 'ƀ', rating: 'up', promptFile: { path: DATA.file, version: 'ȧƀƈ' }, quality: scoreOutput([{ kind: 'contains', text: DATA.text, ignoreCase: true }, { kind: 'maxLength', chars: 1 }, { kind: 'codeBlock', language: 'ŧş' }], DATA.text)!, log: [{ at: 0, level: 'info', message: verbatim(DATA.text), step: 0, attempt: 1 }] }),
    task('ƀ', { title: DATA.title, prompt: DATA.text, output: '', model: DATA.model, status: 'failed', error: { code: 'RATE_LIMITED', reason: verbatim(DATA.text), remediation: verbatim(DATA.text), retryable: true }, rating: 'down', costUsd: null, usage: usage(1, 1), steps: [{ name: 'şŧḗƥ', parts: [], status: 'completed', output: '', attempts: 1, carried: true }] }),
  ];
  const records = tasks.map((t) => toExportRecord(t, { redact: (s) => s, providerLabel: () => DATA.provider, words: phraseText }));
  const filterErrors = ['status:', 'status:ẋ'].map((q) => phraseText(parseTaskFilter(q).error!));
  const steps = FAILURE_CODES.flatMap((code) => nextStep({ code, reason: verbatim(DATA.text), retryable: true }) ?? []).map(phraseText);
  return [formatTaskExport(records, 'markdown', '2025', phraseText), ...records.flatMap((r) => r.quality?.failed.map((f) => `${f.check}: ${f.reason}`) ?? []), ...filterErrors, ...steps];
}

function promptFileProblems(): string[] {
  const sources = [
    ['---', 'priority: ẋ', 'maxOutputTokens: 0', 'ḓḗşƈ: ẋ', 'model: 1', 'checks:', '  - ẋ: 1', '  - contains: ""', '  - regex: ""', '  - regex: ȧ', '    flags: ẋ', '  - json: 1', '  - maxLength: 0', '  - codeBlock: 1', '  - [1]', '  - { contains: ȧ, regex: ƀ }', '---', '${input:1}', '${step:ȧ}', '## Step: ǿƞḗ', '${step:ţẁǿ}', '## Step: ǿƞḗ', '## Step: ţẁǿ', '${step:ẋ}', '## Step: ẋ ẏ'].join('\n'),
    '---\nchecks: ẋ\n---\n',
    '---\nƞǿ',
  ];
  const problems = sources.flatMap((source) => {
    try {
      const file = parsePromptFile(source, DATA.file);
      return file.warnings;
    } catch (error) {
      assert.ok(error instanceof PromptFileError, String(error));
      return error.problems;
    }
  });
  const runProblems = (() => {
    try {
      expandPromptFile(parsePromptFile('${selection} ${workspaceFolder} ${file} ${input:ȧ}', DATA.file), { inputs: {} }, DATA.file);
      return [];
    } catch (error) {
      return error instanceof PromptFileError ? error.problems : [];
    }
  })();
  return [...problems, ...runProblems].map((p) => phraseText(p.message));
}

function resultTexts(): string[] {
  const several = chooseAnswer('```ŧş\nȧ\n```\n```\nƀ\nƈ\n```\n```ŧş\nƈ');
  const choices = several.kind === 'several' ? several.blocks : [];
  const described = [chooseAnswer(DATA.text), chooseAnswer('```ŧş\nȧ\n```'), chooseAnswer('```\nȧ'), chooseAnswer('```ŧş\nȧ\n```\n```\nƀ\n```', 0), chooseAnswer('```ŧş\nȧ\n```\n```\nƀ\n```', 1)]
    .map((c) => (c.kind === 'several' ? '' : phraseText(describeChoice(c))));
  const facts = { current: 'ȧƀ ȧƀ', original: 'ȧƀ', stored: { start: 0, end: 2 }, sameVersion: false, tracked: undefined };
  const plans = [planSelectionReplace(facts), planSelectionReplace({ ...facts, current: 'ƈ' }), planSelectionReplace({ ...facts, original: undefined }), planSelectionReplace({ ...facts, tracked: { start: 0, end: 2, touched: true } })]
    .map((p) => (p.kind === 'conflict' ? phraseText(p.reason) : ''));
  const members = [task('1', { batchId: 'ƀ', status: 'failed' }), task('2', { batchId: 'ƀ', status: 'cancelled' }), task('3', { batchId: 'ƀ', costUsd: 0.1 })];
  return [...choices.map((b) => phraseText(blockLabel(b))), ...described, ...plans, batchProgress(summarizeBatch('ƀ', members), formatUsd, phraseText)];
}

const sampleTexts = (): string[] => [...everySentence(), ...batchTexts(), ...exportAndReports(), ...promptFileProblems(), ...resultTexts()];

describe('Core localization: a pseudo-locale run of the feature phrases leaves no English', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('finds English in the same text without a bundle (the check can fail)', () => {
    l10n.config({ contents: {} });
    const words = englishWords(sampleTexts().join('\n'));
    for (const w of ['provider', 'batch', 'Score', 'checks', 'step', 'selected', 'block', 'done']) assert.ok(words.includes(w), `no "${w}" in the English run`);
  });

  it('has every word of the output translated when the bundle is pseudo-localized', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
    l10n.config({ contents: getL10nPseudoLocalized(bundle) });
    const texts = sampleTexts();
    assert.ok(texts.length > 150, `only ${texts.length} texts rendered`);
    assert.deepEqual(texts.flatMap((t) => englishWords(t).map((w) => `${w} in: ${t.slice(0, 160)}`)), []);
  });
});
