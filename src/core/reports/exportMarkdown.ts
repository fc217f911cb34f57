// The Markdown export: a summary table, then one section per task with its prompt and output in
// fences longer than any run of backticks inside them, so nothing in a model's output can end a
// fence early or turn into markup of the document around it.
import type { ExportRecord } from './taskExportRecord';
import { formatUsd } from '../../shared/formatUsd';

export function exportMarkdown(records: readonly ExportRecord[], exportedAt: string): string {
  const lines: string[] = ['# AI Task Queue export', '', `Exported ${exportedAt} · ${records.length} task(s)`, ''];
  lines.push('| # | Title | Status | Provider · model | Duration | Tokens | Cost |', '|---:|---|---|---|---:|---:|---:|');
  records.forEach((r, i) => {
    const tokens = r.usage ? r.usage.inputTokens + r.usage.outputTokens + r.usage.cacheReadTokens + r.usage.cacheWriteTokens : undefined;
    lines.push(`| ${i + 1} | ${cell(r.title)} | ${statusText(r)} | ${cell(`${r.provider} · ${r.model}`)} | ${r.durationMs !== undefined ? `${(r.durationMs / 1000).toFixed(1)} s` : ''} | ${tokens ?? ''} | ${costText(r.costUsd)} |`);
  });
  records.forEach((r, i) => {
    lines.push('', `## ${i + 1}. ${inline(r.title)}`, '');
    lines.push(`- **Status:** ${statusText(r)}${r.error ? ` — ${inline(r.error.message)}` : ''}`);
    lines.push(`- **Provider / model:** ${inline(r.provider)} · ${inline(r.model)} · ${r.priority} priority`);
    lines.push(`- **Created:** ${r.createdAt}${r.finishedAt ? ` · **Finished:** ${r.finishedAt}` : ''} · **Attempts:** ${r.attempts}`);
    if (r.usage) lines.push(`- **Tokens:** ${r.usage.inputTokens} in · ${r.usage.outputTokens} out${r.usage.estimated ? ' (estimated)' : ''} · **Cost:** ${costText(r.costUsd) || 'n/a'}`);
    if (r.batchId) lines.push(`- **Batch:** ${inline(r.batchId)}`);
    if (r.promptFile) lines.push(`- **Prompt file:** ${inline(r.promptFile.path)} (version ${inline(r.promptFile.version)})`);
    if (r.quality) lines.push(`- **Score:** ${Math.round(r.quality.score * 100)} % (${r.quality.passed} of ${r.quality.total} checks)${r.quality.failed.map((f) => `; failed: ${inline(f.check)} — ${inline(f.reason)}`).join('')}`);
    if (r.rating) lines.push(`- **Rating:** ${r.rating === 'up' ? 'good' : 'bad'}`);
    lines.push(`- **Id:** ${inline(r.id)}`);
    if (r.systemPrompt) lines.push('', '### System prompt', '', fenced(r.systemPrompt));
    lines.push('', '### Prompt', '', fenced(r.prompt), '', '### Output', '', r.output ? fenced(r.output) : '_(no output)_');
    for (const step of r.steps ?? []) lines.push('', `### Step: ${inline(step.name)} — ${step.status}${step.carried ? ' (reused)' : ''}`, '', step.output ? fenced(step.output) : '_(no output)_');
    if (r.log?.length) lines.push('', '### Log', '', fenced(r.log.map((l) => `${l.at} ${l.level}${l.step !== undefined ? ` [${l.step}]` : ''}${l.attempt !== undefined ? ` #${l.attempt}` : ''} ${l.message}`).join('\n')));
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

/** Rounded as the panel and the tree round it (formatUsd), so the export and the screen agree. */
function costText(cost: number | null | undefined): string {
  if (cost === undefined) return '';
  if (cost === null) return 'unknown';
  return formatUsd(cost);
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
