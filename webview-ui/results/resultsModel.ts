// The results view's state: the batch header and its rows, updated by validated host messages
// (each row passes a per-task SequenceGate, so a repeated or stale update is dropped), plus the
// reader's sort, status filter and search. No DOM: unit-tested in Node.
import { SequenceGate } from '../../src/shared/protocol';
import type { BatchHeader, ResultFilter, ResultRow, ResultSortKey, ResultsHostMessage } from '../../src/shared/resultsProtocol';
import type { TaskStatus } from '../../src/shared/taskVocabulary';

export type ResultsChange = { readonly kind: 'none' } | { readonly kind: 'snapshot' } | { readonly kind: 'update'; readonly ids: readonly string[] } | { readonly kind: 'missing' };

export interface SortState {
  readonly key: ResultSortKey;
  readonly descending: boolean;
}

const STATUS_RANK: Readonly<Record<TaskStatus, number>> = { running: 0, waiting: 1, queued: 2, failed: 3, cancelled: 4, completed: 5 };

export function rowDurationMs(row: ResultRow, now: number): number | undefined {
  if (row.startedAt === undefined) return undefined;
  return (row.finishedAt ?? now) - row.startedAt;
}

function sortValue(row: ResultRow, key: ResultSortKey, now: number): number | string {
  switch (key) {
    case 'label':
      return row.label.toLowerCase();
    case 'status':
      return STATUS_RANK[row.status];
    case 'score':
      return row.quality?.score ?? -1;
    case 'duration':
      return rowDurationMs(row, now) ?? -1;
    case 'tokens':
      return (row.inputTokens ?? -1) + (row.outputTokens ?? 0);
    case 'cost':
      return row.costUsd ?? -1;
  }
}

export class ResultsModel {
  header: BatchHeader | undefined;
  missing = false;
  sort: SortState | undefined;
  filter: ResultFilter = 'all';
  query = '';
  private rows = new Map<string, ResultRow>();
  /** Launch order, the order without a sort. */
  private launchOrder: string[] = [];
  private readonly gate = new SequenceGate();

  apply(message: ResultsHostMessage): ResultsChange {
    switch (message.type) {
      case 'results/missing':
        this.missing = true;
        return { kind: 'missing' };
      case 'results/snapshot':
        this.header = message.batch;
        this.missing = false;
        for (const id of this.rows.keys()) this.gate.forget(id);
        this.rows = new Map();
        for (const row of message.rows) {
          this.gate.acceptSnapshot(row.id, row.seq);
          this.rows.set(row.id, row);
        }
        this.launchOrder = message.rows.map((r) => r.id);
        return { kind: 'snapshot' };
      case 'results/rated': {
        const row = this.rows.get(message.taskId);
        if (!row) return { kind: 'none' };
        const { rating: _old, ...rest } = row;
        this.rows.set(row.id, message.rating ? { ...rest, rating: message.rating } : rest);
        return { kind: 'update', ids: [row.id] };
      }
      case 'results/update': {
        this.header = message.batch;
        // Rows of a snapshot the view has not seen yet are ignored: the next snapshot brings them.
        const ids = message.rows.filter((r) => this.rows.has(r.id) && this.gate.accept(r.id, r.seq)).map((r) => {
          this.rows.set(r.id, r);
          return r.id;
        });
        return { kind: 'update', ids };
      }
    }
  }

  row(id: string): ResultRow | undefined {
    return this.rows.get(id);
  }

  allRows(): ResultRow[] {
    return this.launchOrder.flatMap((id) => this.rows.get(id) ?? []);
  }

  /** Some row has a score (its prompt file had checks): the table shows a score column. */
  hasScores(): boolean {
    for (const row of this.rows.values()) if (row.quality) return true;
    return false;
  }

  counts(): Record<ResultFilter, number> {
    const counts: Record<ResultFilter, number> = { all: this.rows.size, queued: 0, waiting: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
    for (const row of this.rows.values()) counts[row.status] += 1;
    return counts;
  }

  matches(row: ResultRow): boolean {
    if (this.filter !== 'all' && row.status !== this.filter) return false;
    if (!this.query) return true;
    const q = this.query.toLowerCase();
    return row.label.toLowerCase().includes(q) || row.preview.toLowerCase().includes(q) || row.model.toLowerCase().includes(q) || (row.errorCode?.toLowerCase().includes(q) ?? false);
  }

  /** Ids to show, in order. */
  visible(now: number): string[] {
    const shown = this.allRows().filter((r) => this.matches(r));
    const sort = this.sort;
    if (sort) {
      const dir = sort.descending ? -1 : 1;
      shown.sort((a, b) => {
        const x = sortValue(a, sort.key, now);
        const y = sortValue(b, sort.key, now);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
    }
    return shown.map((r) => r.id);
  }

  /** Clicking a column: ascending, then descending, then launch order. */
  toggleSort(key: ResultSortKey): void {
    if (this.sort?.key !== key) this.sort = { key, descending: false };
    else if (!this.sort.descending) this.sort = { key, descending: true };
    else this.sort = undefined;
  }
}
