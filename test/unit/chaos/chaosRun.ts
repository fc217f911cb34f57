// One chaos run: the real engine and the real OpenAI-compatible client against three fault-
// injecting servers on 127.0.0.1, with random cancels, priority changes and late duplicate events
// from a misbehaving producer. Everything random comes from one seed. Shared by the unit suite
// (a CI-sized batch) and bench/chaosBench.ts (10,000 tasks).
import { createSystemClock } from '../../../src/core/domain/clock';
import { failure } from '../../../src/core/domain/failureClassifier';
import { PriceBook } from '../../../src/core/usage/priceBook';
import type { ProviderLimitsById } from '../../../src/core/limits/providerLimits';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import { PRIORITIES, type Task } from '../../../src/core/domain/taskModel';
import { ZERO_USAGE } from '../../../src/core/domain/tokenUsage';
import { OpenAiCompatibleProvider } from '../../../src/providers/openai/openaiCompatibleProvider';
import { startChaosServer, type ChaosServer } from '../../fakes/chaosServer';
import { seededRandom } from '../helpers/seededRandom';
import { checkInvariants } from './eventLogInvariants';
import { InFlightMeter, InstrumentedProvider } from './instrumentedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { verbatim } from '../../../src/core/domain/phrase';

export interface ChaosConfig {
  readonly seed: number;
  readonly tasks: number;
  readonly globalConcurrency?: number;
  /** Share of tasks cancelled at a random moment. */
  readonly cancelRate?: number;
  /** Share of tasks whose priority is changed at a random moment. */
  readonly priorityChangeRate?: number;
  /** Share of finished tasks for which late usage and late completed/cancelled/failed events are emitted. */
  readonly lateDuplicateRate?: number;
  /** Cancels and priority changes happen within this many ms of the start. */
  readonly actionSpreadMs?: number;
}

export interface ChaosResult {
  readonly seed: number;
  readonly tasks: number;
  readonly elapsedMs: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly failuresByCode: Readonly<Record<string, number>>;
  readonly attempts: number;
  readonly serverRequests: number;
  readonly faults: Readonly<Record<string, number>>;
  readonly cancelsAccepted: number;
  readonly priorityChanges: number;
  readonly injectedLateEvents: number;
  readonly refusedEvents: number;
  readonly maxInFlight: Readonly<Record<string, { readonly client: number; readonly server: number; readonly limit: number }>>;
  readonly violations: readonly string[];
}

interface ProviderSetup {
  readonly id: string;
  readonly limits: ProviderLimitsById[string];
  readonly outage?: { readonly every: number; readonly length: number };
}

const PROVIDERS: readonly ProviderSetup[] = [
  { id: 'alpha', limits: { concurrency: 3 } },
  // Regular short outages trip beta's circuit breaker.
  { id: 'beta', limits: { concurrency: 2 }, outage: { every: 80, length: 6 } },
  { id: 'gamma', limits: { concurrency: 4, requestsPerMinute: 4_800 } },
];

const keyOf = (prompt: string): string => /\[chaos:([^\]]+)\]/.exec(prompt)?.[1] ?? 'unknown';

export async function runChaos(config: ChaosConfig): Promise<ChaosResult> {
  const random = seededRandom(config.seed);
  const globalConcurrency = config.globalConcurrency ?? 6;
  const meter = new InFlightMeter();
  const servers = new Map<string, ChaosServer>();
  for (const [i, p] of PROVIDERS.entries()) {
    servers.set(p.id, await startChaosServer({ seed: config.seed + i, coverEveryFault: true, ...(p.outage && { outage: p.outage }) }));
  }
  const providers = new Map(
    PROVIDERS.map((p) => {
      const inner = new OpenAiCompatibleProvider({ id: p.id, label: p.id, baseUrl: servers.get(p.id)!.baseUrl, local: true, getApiKey: async () => undefined });
      return [p.id, new InstrumentedProvider(inner, meter, (r) => keyOf(r.prompt))] as const;
    }),
  );
  let refusedEvents = 0;
  let n = 0;
  const engine = new TaskEngine({ providerDefaults: UNPACED,
    clock: createSystemClock(),
    newId: () => `c${++n}`,
    providers: (id) => providers.get(id),
    priceBook: () => new PriceBook(),
    concurrency: globalConcurrency,
    defaultTimeoutMs: 8_000,
    idleTimeoutMs: 300,
    retryPolicy: { maxAttempts: 4, baseDelayMs: 5, maxBackoffMs: 50, maxWaitMs: 1_000 },
    retryBudgetMs: 3_000,
    breaker: { failureThreshold: 4, coolDownMs: 150 },
    providerLimits: Object.fromEntries(PROVIDERS.map((p) => [p.id, p.limits])),
    random: seededRandom(config.seed ^ 0x5bd1e995),
    onDiagnostic: (message) => {
      if (message.startsWith('refused')) refusedEvents += 1;
    },
  });

  const events: TaskEvent[] = [];
  const cancelAccepted = new Set<string>();
  let injectedLateEvents = 0;
  let priorityChanges = 0;
  const pending: Promise<void>[] = [];
  const later = (ms: number, action: () => void): void => void pending.push(new Promise((resolve) => setTimeout(() => resolve(action()), ms)));
  engine.events.on((event) => {
    events.push(event);
    // A misbehaving producer: late duplicates must never reach a surface.
    if ((event.type === 'completed' || event.type === 'failed' || event.type === 'cancelled') && random() < (config.lateDuplicateRate ?? 0.05)) {
      later(0, () => {
        injectedLateEvents += 4;
        engine.events.emit(event.taskId, { type: 'usage', usage: ZERO_USAGE, costUsd: 0 });
        engine.events.emit(event.taskId, { type: 'completed' });
        engine.events.emit(event.taskId, { type: 'cancelled', reason: verbatim('late cancel') });
        engine.events.emit(event.taskId, { type: 'failed', failure: failure('NETWORK', verbatim('late failure')) });
      });
    }
  });

  const started = Date.now();
  const submitted: string[] = [];
  const spread = config.actionSpreadMs ?? 1_500;
  for (let i = 0; i < config.tasks; i++) {
    const provider = PROVIDERS[Math.floor(random() * PROVIDERS.length)]!;
    const priority = PRIORITIES[Math.floor(random() * PRIORITIES.length)]!;
    const task = engine.submit({ title: `chaos ${i}`, prompt: `[chaos:k${i}] Summarize item ${i} in one line.`, providerId: provider.id, model: 'fake-model', priority });
    submitted.push(task.id);
    if (random() < (config.cancelRate ?? 0.08)) {
      later(random() * spread, () => {
        if (engine.cancel(task.id)) cancelAccepted.add(task.id);
      });
    }
    if (random() < (config.priorityChangeRate ?? 0.1)) {
      const next = PRIORITIES[Math.floor(random() * PRIORITIES.length)]!;
      later(random() * spread, () => {
        if (engine.setPriority(task.id, next)) priorityChanges += 1;
      });
    }
  }
  await engine.whenIdle();
  await Promise.all(pending);
  // Late events scheduled by the last terminal events.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await Promise.all(pending);
  const elapsedMs = Date.now() - started;

  const stats = new Map(await Promise.all([...servers].map(async ([id, s]) => [id, await s.stats()] as const)));
  await Promise.all([...servers.values()].map((s) => s.close()));
  const finalTasks = new Map<string, Task>(submitted.map((id) => [id, engine.get(id)!]));
  const violations = checkInvariants({
    submitted,
    events,
    finalTasks,
    cancelAccepted,
    globalConcurrency,
    providerConcurrency: Object.fromEntries(PROVIDERS.map((p) => [p.id, p.limits.concurrency ?? Infinity])),
    clientMaxByProvider: meter.maxByProvider,
    clientMaxTotal: meter.maxTotal,
    clientOverlappingTasks: meter.overlappingTasks,
    serverMaxByProvider: new Map([...stats].map(([id, s]) => [id, s.maxInFlight])),
    serverOverlappingKeys: new Set([...stats.values()].flatMap((s) => s.overlappingKeys)),
  });

  const outcomes: Record<string, number> = {};
  const failuresByCode: Record<string, number> = {};
  let attempts = 0;
  for (const task of finalTasks.values()) {
    outcomes[task.status] = (outcomes[task.status] ?? 0) + 1;
    attempts += task.attempts;
    if (task.status === 'failed' && task.error) failuresByCode[task.error.code] = (failuresByCode[task.error.code] ?? 0) + 1;
  }
  const faults: Record<string, number> = {};
  for (const s of stats.values()) for (const [fault, count] of Object.entries(s.faults)) faults[fault] = (faults[fault] ?? 0) + count;
  return {
    seed: config.seed,
    tasks: config.tasks,
    elapsedMs,
    outcomes,
    failuresByCode,
    attempts,
    serverRequests: [...stats.values()].reduce((sum, s) => sum + s.requests, 0),
    faults,
    cancelsAccepted: cancelAccepted.size,
    priorityChanges,
    injectedLateEvents,
    refusedEvents,
    maxInFlight: Object.fromEntries(PROVIDERS.map((p) => [p.id, { client: meter.maxByProvider.get(p.id) ?? 0, server: stats.get(p.id)!.maxInFlight, limit: p.limits.concurrency ?? Infinity }])),
    violations,
  };
}
