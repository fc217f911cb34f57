// The tree's search: a one-line query such as `status:failed,cancelled provider:openai model:gpt-4o
// timeout "rate limit"`. Keys narrow by status, provider, model and batch; every other word (or
// quoted phrase) must appear in the title, prompt, output or error message, case-insensitively.
import { phrase, phraseId, type Phrase, type PhraseWords } from '../domain/phrase';
import { TASK_STATUSES, type Task, type TaskStatus } from '../domain/taskModel';

export interface TaskFilter {
  readonly statuses?: readonly TaskStatus[];
  /** Substrings of the provider id or its label (any one matches). */
  readonly providers?: readonly string[];
  readonly models?: readonly string[];
  readonly batchId?: string;
  /** Every term must occur somewhere in the task's text. */
  readonly terms?: readonly string[];
}

export type FilterParseResult = { readonly filter: TaskFilter | undefined; readonly error?: undefined } | { readonly filter?: undefined; readonly error: Phrase };

const KEYS = ['status', 'provider', 'model', 'batch'] as const;

/** Parses a query; an empty query means no filter. */
export function parseTaskFilter(query: string): FilterParseResult {
  const statuses: TaskStatus[] = [];
  const providers: string[] = [];
  const models: string[] = [];
  const terms: string[] = [];
  let batchId: string | undefined;
  for (const token of tokenize(query)) {
    const match = /^([a-z]+):(.*)$/i.exec(token);
    const key = match?.[1]?.toLowerCase();
    if (!match || !(KEYS as readonly string[]).includes(key ?? '')) {
      terms.push(token);
      continue;
    }
    const values = (match[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (values.length === 0) return { error: phrase('report.filter.needsValue', { key: key ?? '', example: example(key) }) };
    if (key === 'status') {
      for (const value of values) {
        const status = TASK_STATUSES.find((s) => s === value.toLowerCase());
        if (!status) return { error: phrase('report.filter.unknownStatus', { value, statuses: TASK_STATUSES.join(', ') }) };
        statuses.push(status);
      }
    } else if (key === 'provider') providers.push(...values);
    else if (key === 'model') models.push(...values);
    else batchId = values[0];
  }
  const filter: TaskFilter = {
    ...(statuses.length > 0 && { statuses }),
    ...(providers.length > 0 && { providers }),
    ...(models.length > 0 && { models }),
    ...(batchId !== undefined && { batchId }),
    ...(terms.length > 0 && { terms }),
  };
  return { filter: Object.keys(filter).length > 0 ? filter : undefined };
}

/** The query text for a filter (what the view shows and the input box starts with). */
export function formatTaskFilter(filter: TaskFilter): string {
  const quote = (s: string): string => (/[\s"]/.test(s) ? `"${s.replace(/"/g, '')}"` : s);
  return [
    filter.statuses?.length ? `status:${filter.statuses.join(',')}` : '',
    filter.providers?.length ? `provider:${filter.providers.map(quote).join(',')}` : '',
    filter.models?.length ? `model:${filter.models.map(quote).join(',')}` : '',
    filter.batchId !== undefined ? `batch:${quote(filter.batchId)}` : '',
    ...(filter.terms ?? []).map(quote),
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * A compiled matcher: the regular expressions are built once, not once per task. `words` writes a
 * failure's reason as the person reads it (the tree passes phraseText), so that is what a term finds.
 */
export function taskMatcher(filter: TaskFilter, providerLabel: (providerId: string) => string = (id) => id, words: PhraseWords = phraseId): (task: Task) => boolean {
  const statuses = filter.statuses && new Set(filter.statuses);
  const providers = filter.providers?.map((p) => p.toLowerCase());
  const models = filter.models?.map((m) => m.toLowerCase());
  const terms = filter.terms?.map((t) => new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
  return (task) => {
    if (statuses && !statuses.has(task.status)) return false;
    if (providers && !providers.some((p) => task.providerId.toLowerCase().includes(p) || providerLabel(task.providerId).toLowerCase().includes(p))) return false;
    if (models && !models.some((m) => task.model.toLowerCase().includes(m))) return false;
    if (filter.batchId !== undefined && task.batchId !== filter.batchId) return false;
    if (terms) {
      for (const term of terms) {
        if (!term.test(task.title) && !term.test(task.prompt) && !term.test(task.output) && !(task.error && term.test(words(task.error.reason)))) return false;
      }
    }
    return true;
  };
}

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  // A token is a run of non-spaces in which "quoted parts" may contain spaces: model:"my model" or "rate limit".
  for (const m of query.matchAll(/(?:[^\s"]+|"[^"]*")+/g)) {
    const token = m[0].replace(/"/g, '');
    if (token) tokens.push(token);
  }
  return tokens;
}

function example(key: string | undefined): string {
  return key === 'status' ? 'failed' : key === 'provider' ? 'openai' : key === 'model' ? 'gpt-4o' : 'my-batch';
}
