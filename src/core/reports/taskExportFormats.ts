// Export of tasks as JSON (lossless: parses back to the same records), CSV (one row per task, RFC
// 4180 quoting, text cells neutralised against formula injection; nested values flattened into
// columns) and Markdown (for reading). Pure: the host builds the records (redacted) and writes the
// text where the user chose.
import { toCsv, type CsvCell } from './csvText';
import { exportMarkdown } from './exportMarkdown';
import type { PhraseWords } from '../domain/phrase';
import type { ExportRecord } from './taskExportRecord';

export const EXPORT_FORMATS = ['json', 'csv', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FILE_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { json: 'json', csv: 'csv', markdown: 'md' };

export interface JsonExport {
  readonly format: 'ai-task-queue/export';
  readonly version: 1;
  readonly exportedAt: string;
  readonly tasks: readonly ExportRecord[];
}

/**
 * Column name → value; the order here is the column order. A value's type decides how it is
 * written: numbers and booleans as they are, strings as text (neutralised when they could be read
 * as a formula), so a numeric column is never typed as text.
 */
export const CSV_COLUMNS: readonly (readonly [string, (r: ExportRecord) => CsvCell])[] = [
  ['id', (r) => r.id],
  ['title', (r) => r.title],
  ['status', (r) => r.status],
  ['providerId', (r) => r.providerId],
  ['provider', (r) => r.provider],
  ['model', (r) => r.model],
  ['priority', (r) => r.priority],
  ['batchId', (r) => r.batchId],
  ['retryOf', (r) => r.retryOf],
  ['createdAt', (r) => r.createdAt],
  ['startedAt', (r) => r.startedAt],
  ['finishedAt', (r) => r.finishedAt],
  ['durationMs', (r) => r.durationMs],
  ['timeToFirstTokenMs', (r) => r.timeToFirstTokenMs],
  ['attempts', (r) => r.attempts],
  ['retriedFailures', (r) => r.retriedFailures?.join(' ')],
  ['inputTokens', (r) => r.usage?.inputTokens],
  ['outputTokens', (r) => r.usage?.outputTokens],
  ['cacheReadTokens', (r) => r.usage?.cacheReadTokens],
  ['cacheWriteTokens', (r) => r.usage?.cacheWriteTokens],
  ['reasoningTokens', (r) => r.usage?.reasoningTokens],
  ['tokensEstimated', (r) => r.usage?.estimated],
  // "unknown" (not empty) when the model's price is unknown, so it is never read as free.
  ['costUsd', (r) => (r.costUsd === null ? 'unknown' : r.costUsd)],
  ['errorCode', (r) => r.error?.code],
  ['errorMessage', (r) => r.error?.message],
  ['qualityScore', (r) => r.quality?.score],
  ['failedChecks', (r) => r.quality?.failed.map((f) => `${f.check}: ${f.reason}`).join('; ')],
  ['rating', (r) => r.rating],
  ['promptFile', (r) => r.promptFile?.path],
  ['promptFileVersion', (r) => r.promptFile?.version],
  ['steps', (r) => r.steps?.map((s) => `${s.name}: ${s.status}`).join('; ')],
  ['log', (r) => r.log?.map((l) => `${l.at} ${l.level}${l.step !== undefined ? ` [${l.step}]` : ''}${l.attempt !== undefined ? ` #${l.attempt}` : ''} ${l.message}`).join('\n')],
  ['systemPrompt', (r) => r.systemPrompt],
  ['prompt', (r) => r.prompt],
  ['output', (r) => r.output],
];

/** `words` writes the Markdown export's headings and labels in the reader's language (the adapter's phraseText). */
export function formatTaskExport(records: readonly ExportRecord[], format: ExportFormat, exportedAt: string, words: PhraseWords): string {
  switch (format) {
    case 'json': {
      const doc: JsonExport = { format: 'ai-task-queue/export', version: 1, exportedAt, tasks: records };
      return `${JSON.stringify(doc, null, 2)}\n`;
    }
    case 'csv':
      return toCsv([CSV_COLUMNS.map(([name]) => name), ...records.map((r) => CSV_COLUMNS.map(([, value]) => value(r)))]);
    case 'markdown':
      return exportMarkdown(records, exportedAt, words);
  }
}
