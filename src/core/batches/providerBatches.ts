// Provider batch jobs: a batch of prompts run through a provider's own batch service (OpenAI's
// Batch API, Anthropic's Message Batches) instead of the local queue, at half price and within
// 24 hours. A job is split into as many provider batches as the provider's limits need and shows
// as one; its tasks wait at the provider and are settled with the provider's results. Jobs are
// saved (src/persistence/batchJobFile.ts) and picked up again after a reload, a crash or a
// restart the next day: polling resumes where it was, never sooner than the poll policy allows.
import { EventEmitter } from 'eventemitter3';
import type { Clock, TimerHandle } from '../domain/clock';
import { phrase, phraseId, type Phrase, type PhraseWords } from '../domain/phrase';
import type { ProviderBatchApi } from '../domain/providerBatchApi';
import { isTerminal, type Priority, type Task, type TaskInput } from '../domain/taskModel';
import { isJobActive, isPartActive, type BatchJob, type MutableBatchPart } from './batchJob';
import { partStatusLine } from './batchJobText';
import type { BatchApiLookup, BatchJobStore, BatchLog, BatchTaskPort } from './batchPorts';
import { JobIndex } from './jobIndex';
import { DEFAULT_CALL_TIMEOUTS, PartSteps, type CallTimeouts } from './partSteps';
import { DEFAULT_POLL_POLICY, type PollPolicy } from './pollSchedule';
import { splitIntoParts, type SplitPlan } from './splitIntoParts';
import { batchRequest } from './batchRequest';
import { carriedFields } from '../domain/carriedFields';

export interface ProviderBatchesOptions {
  readonly tasks: BatchTaskPort;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly api: BatchApiLookup;
  /** Request fields the settings decide (the output cap), read when a batch is submitted. */
  readonly requestDefaults?: (providerId: string) => { readonly maxOutputTokens?: number };
  readonly store?: BatchJobStore;
  readonly pollPolicy?: () => PollPolicy;
  /** Makes the task history durable; see PartStepDeps.flushTasks. */
  readonly flushTasks?: () => Promise<void>;
  readonly log?: BatchLog;
  /**
   * Writes a phrase where a title is kept as text (the retry job's title, which the person may
   * rename like any title): the adapter's phraseText, so core writes no English itself.
   */
  readonly words: PhraseWords;
  /** Submission attempts before a part's tasks fail (default 5). */
  readonly maxSubmitAttempts?: number;
  readonly saveDebounceMs?: number;
  /** How long one provider call may take (tests shorten them). */
  readonly callTimeouts?: Partial<CallTimeouts>;
}

/**
 * One request of a launch: a task's own fields (title, prompt, model, a retry's `retryOf`, and
 * whatever else a task records about itself); the provider, priority and group come from the launch.
 */
export type BatchLaunchRun = Omit<TaskInput, 'providerId' | 'priority' | 'batchId' | 'fresh' | 'timeoutMs' | 'external'>;

export interface BatchLaunch {
  readonly providerId: string;
  readonly title: string;
  readonly runs: readonly BatchLaunchRun[];
  readonly priority?: Priority;
  /** The task group the tasks join (a batch of files, a comparison). */
  readonly batchId?: string;
  readonly retryOfJob?: string;
}

/** A launch refused; `phrase` says why for a person, the message is its id for the log. */
export class ProviderBatchLaunchError extends Error {
  constructor(readonly phrase: Phrase) {
    super(phraseId(phrase));
    this.name = 'ProviderBatchLaunchError';
  }
}

/** Tasks made per turn of the event loop when a job is launched. */
const LAUNCH_SLICE = 500;

export class ProviderBatches {
  private readonly jobs = new Map<string, BatchJob>();
  private readonly index = new JobIndex();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly emitter = new EventEmitter<{ change: [string] }>();
  private readonly abort = new AbortController();
  private readonly steps: PartSteps;
  private readonly offEvents: () => void;
  private saveTimer: TimerHandle | undefined;
  private saving: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: ProviderBatchesOptions) {
    this.steps = new PartSteps({
      tasks: options.tasks,
      index: this.index,
      clock: options.clock,
      policy: options.pollPolicy ?? (() => DEFAULT_POLL_POLICY),
      signal: this.abort.signal,
      requestDefaults: options.requestDefaults ?? (() => ({})),
      maxSubmitAttempts: options.maxSubmitAttempts ?? 5,
      flushTasks: options.flushTasks ?? (() => Promise.resolve()),
      saveNow: () => this.saveNow(),
      log: (level, message) => options.log?.(level, message),
      yieldToLoop: () => new Promise((resolve) => setImmediate(resolve)),
      timeouts: { ...DEFAULT_CALL_TIMEOUTS, ...options.callTimeouts },
    });
    // A task cancelled here may leave a whole provider batch with nothing wanted: it is cancelled there too.
    this.offEvents = options.tasks.events.on((event) => {
      if (event.type !== 'cancelled') return;
      const jobId = options.tasks.get(event.taskId)?.external?.jobId;
      if (jobId !== undefined && this.jobs.has(jobId)) this.kick(jobId);
    });
  }

  /**
   * Loads the saved jobs and picks them up: call after the engine restored the task history.
   * Returns what a person should be told.
   */
  async open(): Promise<readonly Phrase[]> {
    const loaded = this.options.store ? await this.options.store.load() : { jobs: [], warnings: [] };
    const tasks = this.options.tasks.list();
    this.index.rebuild(tasks);
    for (const job of loaded.jobs) {
      if (!isJobActive(job) && this.index.allTasks(job.id).length === 0) continue;
      this.jobs.set(job.id, job);
      for (const part of job.parts as MutableBatchPart[]) {
        // Results mapped but not saved before the window closed: map them again (settling is idempotent).
        if (part.state === 'ingested' && this.steps.liveTasks(job, part).length > 0) part.state = 'ended';
        // A submission cut short by the restart: look at once whether the provider got it.
        if (part.state === 'submitting') part.lastError = undefined;
      }
    }
    const warnings: Phrase[] = [...loaded.warnings];
    const orphans = tasks.filter((t) => t.external && !isTerminal(t.status) && !this.jobs.has(t.external.jobId));
    for (const task of orphans) {
      this.options.tasks.settleExternal(task.id, { kind: 'failed', attempts: 0, failure: { code: 'PROTOCOL', reason: phrase('batch.task.recordLost', {}), remediation: phrase('batch.task.recordLostRemedy', {}), retryable: true } });
    }
    if (orphans.length > 0) warnings.push(phrase('batch.job.recordsLost', { count: orphans.length }));
    for (const job of this.jobs.values()) {
      this.refreshLines(job);
      if (isJobActive(job)) this.schedule(job);
    }
    return warnings;
  }

  /** Whether the provider has a batch API here (OpenAI and Anthropic, when enabled). */
  supports(providerId: string): boolean {
    return this.options.api(providerId) !== undefined;
  }

  /** The provider's name as its batch client gives it ("OpenAI"); undefined when it has no batch API. */
  label(providerId: string): string | undefined {
    return this.options.api(providerId)?.label;
  }

  /** How a launch would be split, and which runs are too large for any batch of the provider. */
  plan(providerId: string, runs: readonly Pick<BatchLaunchRun, 'prompt' | 'systemPrompt' | 'model' | 'maxOutputTokens'>[]): (SplitPlan & { readonly limits: ProviderBatchApi['limits'] }) | undefined {
    const api = this.options.api(providerId);
    if (!api) return undefined;
    return { ...splitIntoParts(this.sized(api, providerId, runs), api.limits), limits: api.limits };
  }

  /**
   * Makes the tasks (waiting at the provider) and starts submitting; resolves with the job and its
   * task ids in run order. Tasks are made a slice per turn of the event loop (10,000 at once would
   * hold the extension host up), and nothing is submitted before the last one exists.
   */
  async launch(launch: BatchLaunch): Promise<{ readonly job: BatchJob; readonly taskIds: readonly string[] }> {
    const api = this.options.api(launch.providerId);
    if (!api) throw new ProviderBatchLaunchError(phrase('batch.launch.noBatchApi', { provider: launch.providerId }));
    if (launch.runs.length === 0) throw new ProviderBatchLaunchError(phrase('batch.launch.nothingToRun', {}));
    const split = splitIntoParts(this.sized(api, launch.providerId, launch.runs), api.limits);
    if (split.oversized.length > 0) throw new ProviderBatchLaunchError(phrase('batch.launch.oversized', { count: split.oversized.length, provider: api.label, megabytes: Math.round(api.limits.maxBytes / 1e6) }));
    const jobId = this.options.newId();
    const partOf = new Map<string, number>();
    split.parts.forEach((p, i) => p.customIds.forEach((id) => partOf.set(id, i)));
    const job: BatchJob = {
      id: jobId,
      providerId: launch.providerId,
      title: launch.title,
      ...(launch.batchId !== undefined && { batchId: launch.batchId }),
      models: [...new Set(launch.runs.map((r) => r.model))],
      requests: launch.runs.length,
      createdAt: this.options.clock.now(),
      ...(launch.retryOfJob !== undefined && { retryOf: launch.retryOfJob }),
      cancelRequested: false,
      parts: split.parts.map((p, index) => ({ index, requests: p.customIds.length, bytes: p.bytes, state: 'pending', submitAttempts: 0, quietChecks: 0, failedChecks: 0, cancelSent: false })),
    };
    this.jobs.set(jobId, job);
    const taskIds: string[] = [];
    for (const [i, run] of launch.runs.entries()) {
      if (i > 0 && i % LAUNCH_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const customId = `r${i}`;
      const part = partOf.get(customId)!;
      const task = this.options.tasks.submit({
        ...run,
        providerId: launch.providerId,
        ...(launch.priority !== undefined && { priority: launch.priority }),
        ...(launch.batchId !== undefined && { batchId: launch.batchId }),
        external: { kind: 'providerBatch', jobId, part, customId },
      });
      this.index.add(jobId, part, customId, task.id);
      taskIds.push(task.id);
    }
    this.options.log?.('info', `job ${jobId}: ${launch.runs.length} request(s) for ${api.label} in ${split.parts.length} provider batch(es)`);
    this.refreshLines(job);
    this.emitter.emit('change', jobId);
    this.kick(jobId);
    return { job, taskIds };
  }

  /** Cancels the job at the provider; requests already done keep their results. False when it has ended. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || !isJobActive(job)) return false;
    job.cancelRequested = true;
    // Parts not submitted yet are never sent; their tasks end here and now.
    for (const part of job.parts as MutableBatchPart[]) {
      if (part.state !== 'pending') continue;
      for (const task of this.steps.liveTasks(job, part)) this.options.tasks.cancel(task.id, phrase('batch.task.cancelledUnsubmitted', {}));
      part.state = 'cancelled';
    }
    this.options.log?.('info', `job ${jobId}: cancel requested`);
    this.kick(jobId);
    this.emitter.emit('change', jobId);
    return true;
  }

  /** The failed (and expired) requests of a job that were not retried yet. */
  failedTasks(jobId: string): Task[] {
    const retried = new Set(this.options.tasks.list().flatMap((t) => (t.retryOf !== undefined ? [t.retryOf] : [])));
    return this.index.allTasks(jobId).flatMap((id) => {
      const task = this.options.tasks.get(id);
      return task?.status === 'failed' && !retried.has(id) ? [task] : [];
    });
  }

  /**
   * Runs the failed requests again (those of `only`, when given): as a new provider batch, or each
   * through the local queue. Resolves with the new task ids.
   */
  async retryFailed(jobId: string, how: 'providerBatch' | 'local', only?: readonly string[]): Promise<readonly string[]> {
    const job = this.jobs.get(jobId);
    const wanted = only && new Set(only);
    const failed = this.failedTasks(jobId).filter((t) => !wanted || wanted.has(t.id));
    if (!job || failed.length === 0) return [];
    if (how === 'local') return failed.flatMap((t) => this.options.tasks.retry(t.id)?.id ?? []);
    // What a retry here would keep (source, instruction, checks, output cap…), minus what the launch decides.
    const runs = failed.map((t) => {
      const { batchId: _batch, timeoutMs: _timeout, ...kept } = carriedFields(t);
      return { title: t.title, prompt: t.prompt, model: t.model, retryOf: t.id, ...kept };
    });
    return (await this.launch({ providerId: job.providerId, title: this.options.words(phrase('batch.job.retryTitle', { title: job.title, count: failed.length })), runs, retryOfJob: job.id, ...(job.batchId !== undefined && { batchId: job.batchId }), priority: failed[0]!.priority })).taskIds;
  }

  get(jobId: string): BatchJob | undefined {
    return this.jobs.get(jobId);
  }

  /** Newest first. */
  list(): BatchJob[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  taskIds(jobId: string): string[] {
    return this.index.allTasks(jobId);
  }

  onDidChange(listener: (jobId: string) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** Resolves when no job has a step in progress (for tests and the bench). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** Stops every timer and aborts what is on the wire; saved state is picked up by the next session. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.offEvents();
    for (const timer of this.timers.values()) this.options.clock.clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await this.idle().catch(() => undefined);
    await this.saveNow();
  }

  /** Saves the job records now (also what a shutdown calls). */
  saveNow(): Promise<void> {
    if (this.saveTimer) this.options.clock.clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const store = this.options.store;
    if (!store) return Promise.resolve();
    const jobs = [...this.jobs.values()];
    // The store serializes before its first await, so later changes do not leak into this save.
    const next = this.saving.then(() => store.save(jobs)).catch((error: unknown) => this.options.log?.('error', `could not save provider batch jobs: ${String(error)}`));
    this.saving = next;
    return next;
  }

  private sized(api: ProviderBatchApi, providerId: string, runs: readonly Pick<BatchLaunchRun, 'prompt' | 'systemPrompt' | 'model' | 'maxOutputTokens'>[]): { customId: string; model: string; bytes: number }[] {
    const defaults = this.options.requestDefaults?.(providerId) ?? {};
    return runs.map((run, i) => {
      const customId = `r${i}`;
      const line = api.encode(batchRequest(customId, run, defaults));
      return { customId, model: run.model, bytes: Buffer.byteLength(line) };
    });
  }

  /** Runs the job's next steps soon (coalesced). */
  private kick(jobId: string): void {
    if (this.disposed) return;
    if (this.running.has(jobId)) {
      this.again.add(jobId);
      return;
    }
    const old = this.timers.get(jobId);
    if (old) this.options.clock.clearTimeout(old);
    this.timers.set(jobId, this.options.clock.setTimeout(() => this.run(jobId), 0));
  }

  private schedule(job: BatchJob): void {
    if (this.disposed) return;
    const old = this.timers.get(job.id);
    if (old) this.options.clock.clearTimeout(old);
    this.timers.delete(job.id);
    const due = job.parts.map((p) => this.steps.dueAt(job, p as MutableBatchPart)).filter((t): t is number => t !== undefined);
    if (due.length === 0) return;
    const api = this.options.api(job.providerId);
    // A provider that is not configured now is looked at again at the slowest pace.
    const wait = api ? Math.max(0, Math.min(...due) - this.options.clock.now()) : (this.options.pollPolicy?.() ?? DEFAULT_POLL_POLICY).maxMs;
    this.timers.set(job.id, this.options.clock.setTimeout(() => this.run(job.id), wait));
  }

  private run(jobId: string): void {
    this.timers.delete(jobId);
    if (this.running.has(jobId) || this.disposed) return;
    const done = this.advance(jobId)
      .catch((error: unknown) => this.options.log?.('error', `job ${jobId}: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running.delete(jobId);
        const job = this.jobs.get(jobId);
        if (this.again.delete(jobId)) this.kick(jobId);
        else if (job) this.schedule(job);
      });
    this.running.set(jobId, done);
  }

  private async advance(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job) return;
    const api = this.options.api(job.providerId);
    if (!api) {
      for (const part of job.parts.filter(isPartActive) as MutableBatchPart[]) part.lastError = phrase('batch.part.providerDisabled', { provider: job.providerId });
      this.refreshLines(job);
      return;
    }
    for (const part of job.parts as MutableBatchPart[]) {
      if (this.disposed) return;
      const due = this.steps.dueAt(job, part);
      if (due === undefined || due > this.options.clock.now()) continue;
      const wasEnded = part.state === 'ended';
      if (part.state === 'pending' || part.state === 'submitting') await this.steps.submit(job, part, api);
      else if (part.state === 'submitted') await (this.steps.shouldCancel(job, part) ? this.steps.cancel(job, part, api) : this.steps.poll(job, part, api));
      // A batch that this check (or the submission) found ended has its results fetched at once.
      if (part.state === 'ended' && (wasEnded || part.failedChecks === 0) && !this.disposed) await this.steps.ingest(job, part, api);
      this.refreshLine(job, part, api.label);
      this.emitter.emit('change', jobId);
    }
    if (!isJobActive(job) && job.endedAt === undefined) {
      job.endedAt = this.options.clock.now();
      this.options.log?.('info', `job ${jobId}: ended`);
      await this.saveNow();
      this.emitter.emit('change', jobId);
    } else this.scheduleSave();
  }

  private refreshLines(job: BatchJob): void {
    const label = this.options.api(job.providerId)?.label ?? job.providerId;
    for (const part of job.parts) this.refreshLine(job, part as MutableBatchPart, label);
  }

  private refreshLine(job: BatchJob, part: MutableBatchPart, label: string): void {
    if (!isPartActive(part)) return;
    this.options.tasks.setExternalDetail(this.index.partTasks(job.id, part.index), partStatusLine(job, part, label));
  }

  private scheduleSave(): void {
    if (this.saveTimer || !this.options.store) return;
    this.saveTimer = this.options.clock.setTimeout(() => void this.saveNow(), this.options.saveDebounceMs ?? 250);
  }
}
