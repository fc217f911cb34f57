// An in-memory ProviderBatchApi the job tests drive by hand: batches move only when a test says,
// any call can be made to fail once, and every call is recorded. The HTTP clients are tested
// against the socket fakes in test/fakes instead.
import { ProviderError } from '../../../src/core/domain/chatProvider';
import type { BatchLimits, BatchOutcome, BatchPhase, BatchRequest, BatchResult, BatchSubmission, ProviderBatchApi, ProviderBatchState } from '../../../src/core/domain/providerBatchApi';
import { verbatim } from '../../../src/core/domain/phrase';

interface MemoryBatch {
  readonly id: string;
  readonly tag: string;
  readonly requests: BatchRequest[];
  phase: BatchPhase;
  outcome?: BatchOutcome;
  done: number;
  failed: number;
  results: BatchResult[];
  createdAt: number;
}

export type BatchCall = 'submit' | 'retrieve' | 'cancel' | 'results' | 'findSubmitted';

/** Put in the failure queue: the call hangs until aborted instead of failing. */
const HANG = Symbol('hang');

export const TEST_LIMITS: BatchLimits = { maxRequests: 3, maxBytes: 10_000, perEntryOverheadBytes: 1, fixedOverheadBytes: 0, oneModelPerBatch: false };

export class MemoryBatchApi implements ProviderBatchApi {
  readonly label = 'Memory';
  readonly batches = new Map<string, MemoryBatch>();
  readonly calls: { readonly call: BatchCall; readonly id?: string; readonly at: number }[] = [];
  private readonly failures = new Map<BatchCall, unknown[]>();
  private next = 1;

  constructor(
    readonly providerId: string,
    private readonly now: () => number,
    readonly limits: BatchLimits = TEST_LIMITS,
  ) {}

  encode(request: BatchRequest): string {
    return JSON.stringify(request);
  }

  /** The next `call` throws `error` (queued: one per call). */
  failNext(call: BatchCall, error: unknown = new ProviderError(verbatim('connection reset'), { kind: 'network', providerId: this.providerId })): void {
    const list = this.failures.get(call) ?? [];
    list.push(error);
    this.failures.set(call, list);
  }

  /** The next `call` never answers (a stalled connection) until its signal aborts. */
  hangNext(call: BatchCall): void {
    this.failNext(call, HANG);
  }

  count(call: BatchCall): number {
    return this.calls.filter((c) => c.call === call).length;
  }

  async submit(submission: BatchSubmission, signal?: AbortSignal): Promise<ProviderBatchState> {
    await this.record('submit', undefined, signal);
    const id = `mb_${this.next++}`;
    const requests = submission.entries.map((e) => JSON.parse(e) as BatchRequest);
    const batch: MemoryBatch = { id, tag: submission.tag, requests, phase: 'validating', done: 0, failed: 0, results: [], createdAt: this.now() };
    this.batches.set(id, batch);
    return this.state(batch);
  }

  async retrieve(batchId: string, signal?: AbortSignal): Promise<ProviderBatchState> {
    await this.record('retrieve', batchId, signal);
    const batch = this.batches.get(batchId);
    if (!batch) throw new ProviderError(verbatim(`HTTP 404 from Memory: no batch ${batchId}`), { kind: 'http', providerId: this.providerId, status: 404 });
    return this.state(batch);
  }

  async cancel(batchId: string, signal?: AbortSignal): Promise<ProviderBatchState> {
    await this.record('cancel', batchId, signal);
    const batch = this.batches.get(batchId)!;
    if (batch.phase !== 'ended') batch.phase = 'cancelling';
    return this.state(batch);
  }

  async *results(state: ProviderBatchState, signal?: AbortSignal): AsyncIterable<BatchResult> {
    await this.record('results', state.id, signal);
    const batch = this.batches.get(state.id)!;
    for (const result of batch.results) yield result;
  }

  async findSubmitted(tag: string, _since?: number, _count?: number, signal?: AbortSignal): Promise<ProviderBatchState | undefined> {
    await this.record('findSubmitted', undefined, signal);
    const batch = [...this.batches.values()].find((b) => b.tag === tag);
    return batch && this.state(batch);
  }

  /** Moves a batch along (counts are what the next check reports). */
  move(batchId: string, phase: BatchPhase, done = 0, failed = 0): void {
    const batch = this.batches.get(batchId)!;
    Object.assign(batch, { phase, done, failed });
  }

  /** Ends a batch with these results (in this order). */
  end(batchId: string, outcome: BatchOutcome, results: BatchResult[]): void {
    const batch = this.batches.get(batchId)!;
    Object.assign(batch, { phase: 'ended', outcome, results, done: results.length, failed: results.filter((r) => r.kind !== 'succeeded').length });
  }

  /** Ends a batch with a success for every request, text "answer to <prompt>". */
  succeedAll(batchId: string): void {
    const batch = this.batches.get(batchId)!;
    this.end(batchId, 'completed', batch.requests.map((r) => ({ customId: r.customId, kind: 'succeeded', text: `answer to ${r.prompt}`, usage: { inputTokens: 100, outputTokens: 50, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } })));
  }

  private state(batch: MemoryBatch): ProviderBatchState {
    return {
      id: batch.id,
      phase: batch.phase,
      providerStatus: batch.phase,
      ...(batch.outcome && { outcome: batch.outcome }),
      counts: { total: batch.requests.length, done: batch.done, failed: batch.failed },
      progressKnown: true,
      createdAt: batch.createdAt,
      ...(batch.phase === 'ended' && { endedAt: this.now() }),
      resultsRef: { id: batch.id },
    };
  }

  private async record(call: BatchCall, id: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    this.calls.push({ call, ...(id !== undefined && { id }), at: this.now() });
    const queued = this.failures.get(call);
    if (!queued || queued.length === 0) return;
    const failure = queued.shift();
    if (failure !== HANG) throw failure;
    await new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new ProviderError(verbatim('aborted'), { kind: 'aborted', providerId: this.providerId })), { once: true }));
  }
}
