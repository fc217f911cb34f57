// A pseudo-locale run of the host's plain-Node text (statistics, cost and budget sentences, screen
// reader labels, settings problems): with every message of l10n/bundle.l10n.json pseudo-localized
// (each ASCII letter swapped for an accented one) and the data written in non-ASCII letters too,
// any plain English word left in the output was never translated. The vscode.l10n.t side runs in
// the real workbench in test/e2e/pseudoLocale.e2e.ts.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { failure } from '../../../src/core/domain/failureClassifier';
import { computeStatistics } from '../../../src/core/reports/taskStatistics';
import { computeSpend } from '../../../src/core/reports/spendStatistics';
import { renderStatisticsMarkdown } from '../../../src/views/statistics/statisticsMarkdown';
import { describeBatchCost, describeBudget, describeEstimate, describeOverflow, describeReason } from '../../../src/views/format/costText';
import { statusBarAccessibleLabel, taskAccessibleLabel } from '../../../src/views/format/accessibleText';
import { describeCached, describeQuality, describeTask, formatTokens } from '../../../src/views/format/taskFormat';
import { parseAllSettings } from '../../../src/host/config/settingsValues';
import { task, usage } from '../helpers/taskFixture';
import { phrase, verbatim } from '../../../src/core/domain/phrase';
import { FAILURE_CODES } from '../../../src/core/domain/taskFailure';
import { SENTENCES, phraseText, type ArgText } from '../../../src/views/format/phraseText';
import { failureClassName, failureRemediationText } from '../../../src/views/format/failureText';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * ASCII words that may stay: they are not sentences. Percentiles, and codes a person types or
 * reads in the settings (priorities as setting values, error classes, setting names).
 */
const NOT_LANGUAGE = new Set(['p50', 'p95', 'high', 'urgent', 'normal', 'low', 'RATE_LIMITED', 'NETWORK', 'aiTaskQueue', 'pricing', 'concurrency', 'maxOutputTokens', 'defaultPriority']);

/**
 * Set aside before looking for words: code spans, setting names, the JSON shape of a price, and
 * prompt-file variables (`${input:audience}`), which are syntax a person types in any language.
 */
const NOT_PROSE = [/`[^`]*`/g, /\$\{[\w:.-]+\}/g, /"aiTaskQueue\.[\w.]+"/g, /\{ "input": n, "output": n \}/g];

/** The English words left in a text once code spans, setting names and shared vocabulary are set aside. */
function englishWords(text: string): string[] {
  const prose = NOT_PROSE.reduce((t, re) => t.replace(re, ' '), text);
  return [...new Set(prose.match(/[A-Za-z][A-Za-z0-9_]+/g) ?? [])].filter((w) => !NOT_LANGUAGE.has(w));
}

/** Non-ASCII data, so a word in ASCII letters can only come from the code. */
const DATA = { title: 'Ŧȧşķ ǿƞḗ', model: 'ɠƥŧ-4ǿ', provider: 'Ǿƥḗƞ', file: 'şřƈ/ȧ.ŧş' };

/**
 * Every sentence src/core's phrases can become (src/views/format/sentences), each argument a
 * non-ASCII text and each nested phrase already in words: what is left in ASCII is the sentence's own.
 */
function everyPhrase(): string[] {
  const args = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? 'ẋ' : undefined) });
  const nested: ArgText = () => 'ŋḗşŧḗḓ';
  return Object.values(SENTENCES).map((write) => (write as (a: unknown, text: ArgText) => string)(args, nested));
}

/** Phrases as the engine nests them, a failure in every class, and its class name and advice. */
function enginePhrases(): string[] {
  const refused = phrase('provider.redirect.crossOrigin.keyed', { provider: DATA.provider, to: 'ĥŧŧƥş', from: 'ĥŧŧƥ' });
  const waiting = phrase('waiting.refusal', { why: phrase('provider.http', { status: 429, provider: DATA.provider, detail: verbatim('ş') }), when: phrase('waiting.resendIn', { seconds: 2 }), next: phrase('waiting.rateLimitAttempt', { attempt: 2, allowed: 4 }) });
  const failed = phrase('failure.step.failed', { step: 2, steps: 3, name: DATA.title, reason: phrase('failure.withStopNote', { reason: phrase('provider.redirect.moved', { refused, setting: phrase('provider.setting.unknown', {}) }), note: phrase('failure.retryStop.longWait', { asked: phrase('wait.minutes', { n: 12 }), cap: phrase('wait.seconds', { n: 60 }) }) }) });
  return [phraseText(waiting), phraseText(failed), ...FAILURE_CODES.flatMap((code) => [failureClassName(code), failureRemediationText({ code, reason: verbatim('ẋ'), retryable: false })])];
}

function sampleTexts(): string[] {
  const tasks = [
    task('a', { title: DATA.title, model: DATA.model, usage: usage(100, 50), costUsd: 0.4, batchId: 'b1', firstTokenAt: task('a').startedAt! + 250, quality: { score: 0.5, passed: 1, total: 2, failed: [] }, rating: 'up', promptFile: { path: DATA.file, version: 'ȧƀƈ' } }),
    task('b', { title: DATA.title, model: DATA.model, status: 'failed', error: failure('RATE_LIMITED', verbatim('ẋ')), attempts: 2, retriedFailures: ['RATE_LIMITED'], batchId: 'b1' }),
    task('c', { title: DATA.title, model: DATA.model, usage: usage(1, 1), costUsd: null, cached: { savedUsd: 0.25, storedAt: 0 } }),
    task('d', { title: DATA.title, model: DATA.model, status: 'queued', priority: 'high' }),
  ];
  const stats = renderStatisticsMarkdown(computeStatistics(tasks), {
    generatedAt: '2025',
    filter: 'ş',
    providerLabel: () => DATA.provider,
    spend: {
      spend: computeSpend(tasks),
      budgets: [
        { window: 'session', spent: { usd: 1.7, estimatedUsd: 0, unpricedRuns: 1 }, limitUsd: undefined, level: 'ok' },
        { window: 'day', spent: { usd: 4.5, estimatedUsd: 0.5, unpricedRuns: 0 }, limitUsd: 5, level: 'warning' },
        { window: 'batch', spent: { usd: 6, estimatedUsd: 0, unpricedRuns: 0 }, limitUsd: 5, level: 'reached' },
      ],
      month: { usd: 12.25, estimatedUsd: 0, unpricedRuns: 2 },
      batchLimitUsd: 0.5,
      priceOverridden: () => true,
      pricingScope: 'workspace',
    },
  });
  const estimate = { providerId: 'ǿ', model: DATA.model, count: { tokens: 1200, method: 'estimate' as const, source: 'ḗşŧ' }, outputCap: 4096, limits: undefined, lowUsd: 0.01, highUsd: undefined, free: false, priceSource: 'override' as const };
  const { problems } = parseAllSettings((key) => ({ concurrency: 'ẋ', maxOutputTokens: -1, defaultPriority: 'ẋ', pricing: { [DATA.model]: 'ẋ' } })[key]);
  return [
    stats,
    renderStatisticsMarkdown(computeStatistics([]), { generatedAt: '2025', providerLabel: () => DATA.provider }),
    describeEstimate(estimate),
    describeEstimate({ ...estimate, count: { tokens: 5, method: 'provider', source: 'Ǿ' }, highUsd: 0.02 }),
    describeEstimate({ ...estimate, cached: true }),
    describeEstimate({ ...estimate, free: true }),
    describeEstimate({ ...estimate, lowUsd: null, highUsd: null }),
    describeBatchCost({ runs: 3, unknownPriceRuns: 1, freeRuns: 1, estimatedRuns: 1, inputTokens: 10, lowUsd: 0.1, highUsd: undefined } as Parameters<typeof describeBatchCost>[0]),
    describeOverflow({ inputTokens: 9000, contextWindow: 8000, reservedOutput: 1000, estimated: true } as Parameters<typeof describeOverflow>[0], DATA.model),
    describeReason({ kind: 'cost', usd: 3.2, thresholdUsd: 0.5, upperBound: true }),
    describeReason({ kind: 'cost', usd: 3.2, thresholdUsd: 0.5, upperBound: false }),
    describeReason({ kind: 'size', tokens: 9000, thresholdTokens: 8000 }),
    describeReason({ kind: 'budget', window: 'day', usd: 2, leftUsd: 1, limitUsd: 5 }),
    describeBudget({ window: 'day', spent: { usd: 6, estimatedUsd: 0, unpricedRuns: 1 }, limitUsd: 5, level: 'reached' }),
    statusBarAccessibleLabel({ running: 2, waiting: 1, queued: 5, paused: true, throttled: 'ƈƥŭ', spend: '≈$0.12', budget: 'warning' }),
    ...tasks.map((t) => taskAccessibleLabel({ ...t, costUsd: 0.1 }, DATA.title, DATA.provider)),
    ...tasks.map((t) => describeTask(t, t.finishedAt ?? 0)),
    formatTokens(task('e', { usage: usage(10, 10, true) })) ?? '',
    describeCached(tasks[2]!) ?? '',
    describeQuality(tasks[0]!) ?? '',
    ...problems.map((p) => p.message),
    ...enginePhrases(),
    ...everyPhrase(),
  ];
}

describe('Host localization: a pseudo-locale run of the plain-Node text leaves no English', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('finds English in the same text without a bundle (the check can fail)', () => {
    l10n.config({ contents: {} });
    const words = englishWords(sampleTexts().join('\n'));
    for (const w of ['Overview', 'Success', 'priority', 'budget', 'tokens', 'waiting', 'redirected', 'Stopped', 'authentication']) assert.ok(words.includes(w), `no "${w}" in the English run`);
  });

  it('has every word of the output translated when the bundle is pseudo-localized', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
    l10n.config({ contents: getL10nPseudoLocalized(bundle) });
    const texts = sampleTexts();
    assert.ok(texts[0]!.includes('ǾǾṽḗḗřṽīḗḗẇ'), `the statistics were not pseudo-localized:\n${texts[0]!.slice(0, 300)}`);
    assert.deepEqual(texts.flatMap((t) => englishWords(t).map((w) => `${w} in: ${t.slice(0, 120)}`)), []);
  });
});
