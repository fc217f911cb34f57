// The Markdown export: a summary table, then one section per task with its prompt and output in
// fences longer than any run of backticks inside them, so nothing in a model's output can end a
// fence early or turn into markup of the document around it.
import { phrase, verbatim, type Phrase, type PhraseWords } from '../domain/phrase';
import type { ExportRecord } from './taskExportRecord';
import { formatUsd } from '../../shared/formatUsd';

/** `w`: the adapter's phraseText, so the document's own words are in the reader's language. */
export function exportMarkdown(records: readonly ExportRecord[], exportedAt: string, w: PhraseWords): string {
  const lines: string[] = [w(phrase('export.md.title', {})), '', w(phrase('export.md.exported', { at: exportedAt, count: records.length })), ''];
  lines.push(w(phrase('export.md.tableHeader', {})), '|---:|---|---|---|---:|---:|---:|');
  records.forEach((r, i) => {
    const tokens = r.usage ? r.usage.inputTokens + r.usage.outputTokens + r.usage.cacheReadTokens + r.usage.cacheWriteTokens : undefined;
    const cost = costPhrase(r.costUsd);
    lines.push(`| ${i + 1} | ${cell(r.title)} | ${statusText(r)} | ${cell(`${r.provider} · ${r.model}`)} | ${r.durationMs !== undefined ? `${(r.durationMs / 1000).toFixed(1)} s` : ''} | ${tokens ?? ''} | ${cost ? w(cost) : ''} |`);
  });
  records.forEach((r, i) => {
    lines.push('', `## ${i + 1}. ${inline(r.title)}`, '');
    lines.push(w(r.error ? phrase('export.md.statusWithError', { status: statusText(r), message: inline(r.error.message) }) : phrase('export.md.status', { status: statusText(r) })));
    lines.push(w(phrase('export.md.provider', { provider: inline(r.provider), model: inline(r.model), priority: r.priority })));
    lines.push(w(r.finishedAt ? phrase('export.md.createdFinished', { created: r.createdAt, finished: r.finishedAt, attempts: r.attempts }) : phrase('export.md.created', { created: r.createdAt, attempts: r.attempts })));
    if (r.usage) {
      const args = { input: r.usage.inputTokens, output: r.usage.outputTokens, cost: costPhrase(r.costUsd) ?? phrase('export.md.costNone', {}) };
      lines.push(w(r.usage.estimated ? phrase('export.md.tokensEstimated', args) : phrase('export.md.tokens', args)));
    }
    if (r.batchId) lines.push(w(phrase('export.md.batch', { batchId: inline(r.batchId) })));
    if (r.promptFile) lines.push(w(phrase('export.md.promptFile', { path: inline(r.promptFile.path), version: inline(r.promptFile.version) })));
    if (r.quality) {
      const failed = r.quality.failed.map((f) => w(phrase('export.md.failedCheck', { check: inline(f.check), reason: inline(f.reason) }))).join('');
      lines.push(w(phrase('export.md.score', { percent: Math.round(r.quality.score * 100), passed: r.quality.passed, total: r.quality.total, failed })));
    }
    if (r.rating) lines.push(w(phrase('export.md.rating', { rating: phrase(r.rating === 'up' ? 'export.md.ratingGood' : 'export.md.ratingBad', {}) })));
    lines.push(w(phrase('export.md.id', { id: inline(r.id) })));
    if (r.systemPrompt) lines.push('', w(phrase('export.md.systemPrompt', {})), '', fenced(r.systemPrompt));
    const noOutput = w(phrase('export.md.noOutput', {}));
    lines.push('', w(phrase('export.md.prompt', {})), '', fenced(r.prompt), '', w(phrase('export.md.output', {})), '', r.output ? fenced(r.output) : noOutput);
    for (const step of r.steps ?? []) {
      const heading = phrase(step.carried ? 'export.md.stepReused' : 'export.md.step', { name: inline(step.name), status: step.status });
      lines.push('', w(heading), '', step.output ? fenced(step.output) : noOutput);
    }
    if (r.log?.length) lines.push('', w(phrase('export.md.log', {})), '', fenced(r.log.map((l) => `${l.at} ${l.level}${l.step !== undefined ? ` [${l.step}]` : ''}${l.attempt !== undefined ? ` #${l.attempt}` : ''} ${l.message}`).join('\n')));
  });
  return `${lines.join('\n')}\n`;
}

/** A fenced block whose fence is longer than the longest backtick run inside. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function statusText(r: ExportRecord): string {
  return r.error && r.status === 'failed' ? `${r.status} (${r.error.code})` : r.status;
}

/** Rounded as the panel and the tree round it (formatUsd), so the export and the screen agree; undefined when there is no cost. */
function costPhrase(cost: number | null | undefined): Phrase | undefined {
  if (cost === undefined) return undefined;
  if (cost === null) return phrase('export.md.costUnknown', {});
  return verbatim(formatUsd(cost));
}

/**
 * One line of inline text, escaped only where Markdown would read it as markup: emphasis, code,
 * links, HTML, strikethrough, table pipes, entities and a heading's closing hashes. Dots, dashes
 * and parentheses mid-line are plain text, so "gpt-4.1-mini (README.md)" stays readable.
 */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/(^|\s)(#+)\s*$/, '$1\\$2');
}

function cell(text: string): string {
  return inline(text);
}
