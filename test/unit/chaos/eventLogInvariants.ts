// The invariants a chaos run must keep, checked on the recorded event log (what surfaces saw),
// the engine's final records and the concurrency measured on both sides of the socket. Returns
// every violation found, so one run reports all of them, not only the first.
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import { TERMINAL_EVENT_TYPES } from '../../../src/core/domain/taskEvents';
import type { Task } from '../../../src/core/domain/taskModel';
import { FAILURE_CODES } from '../../../src/shared/taskVocabulary';

export interface RunObservations {
  readonly submitted: readonly string[];
  readonly events: readonly TaskEvent[];
  readonly finalTasks: ReadonlyMap<string, Task>;
  /** Tasks for which engine.cancel() returned true. */
  readonly cancelAccepted: ReadonlySet<string>;
  readonly globalConcurrency: number;
  readonly providerConcurrency: Readonly<Record<string, number>>;
  readonly clientMaxByProvider: ReadonlyMap<string, number>;
  readonly clientMaxTotal: number;
  readonly clientOverlappingTasks: ReadonlySet<string>;
  readonly serverMaxByProvider: ReadonlyMap<string, number>;
  readonly serverOverlappingKeys: ReadonlySet<string>;
}

export function checkInvariants(o: RunObservations): string[] {
  const violations: string[] = [];
  const byTask = new Map<string, TaskEvent[]>();
  for (const e of o.events) {
    const list = byTask.get(e.taskId) ?? [];
    list.push(e);
    byTask.set(e.taskId, list);
  }
  for (const id of o.submitted) violations.push(...checkTask(id, byTask.get(id) ?? [], o.finalTasks.get(id), o.cancelAccepted.has(id)));
  const known = new Set(o.submitted);
  for (const id of byTask.keys()) if (!known.has(id)) violations.push(`${id}: events for a task that was never submitted`);

  if (o.clientMaxTotal > o.globalConcurrency) violations.push(`client: ${o.clientMaxTotal} requests in flight, global limit ${o.globalConcurrency}`);
  for (const [providerId, limit] of Object.entries(o.providerConcurrency)) {
    const client = o.clientMaxByProvider.get(providerId) ?? 0;
    const server = o.serverMaxByProvider.get(providerId) ?? 0;
    if (client > limit) violations.push(`client: ${client} requests in flight for ${providerId}, limit ${limit}`);
    if (server > limit) violations.push(`server: ${server} requests in flight for ${providerId}, limit ${limit}`);
  }
  for (const key of o.clientOverlappingTasks) violations.push(`client: task ${key} had two requests in flight at once`);
  for (const key of o.serverOverlappingKeys) violations.push(`server: task ${key} had two requests in flight at once`);
  return violations;
}

function checkTask(id: string, events: readonly TaskEvent[], task: Task | undefined, cancelAccepted: boolean): string[] {
  const out: string[] = [];
  const fail = (what: string): void => void out.push(`${id}: ${what} [${events.map((e) => e.type).join(',')}]`);
  if (!task) fail('lost: the engine has no record of it');
  if (events.length === 0) {
    fail('lost: no events at all');
    return out;
  }
  if (events[0]!.type !== 'queued') fail('first event is not "queued"');
  events.forEach((e, i) => {
    if (e.seq !== i + 1) fail(`event ${i} has seq ${e.seq}`);
  });
  const terminals = events.filter((e) => TERMINAL_EVENT_TYPES.has(e.type));
  if (terminals.length !== 1) fail(`${terminals.length} terminal events`);
  const terminalIndex = events.findIndex((e) => TERMINAL_EVENT_TYPES.has(e.type));
  if (terminalIndex !== -1 && terminalIndex !== events.length - 1) fail('events after the terminal event');
  const startedIndex = events.findIndex((e) => e.type === 'started');
  if (events.filter((e) => e.type === 'started').length > 1) fail('started twice');
  events.forEach((e, i) => {
    if ((e.type === 'progress' || e.type === 'usage') && (startedIndex === -1 || i < startedIndex)) fail(`${e.type} before started`);
  });
  const completedIndex = events.findIndex((e) => e.type === 'completed');
  if (completedIndex !== -1) {
    if (!events.slice(0, completedIndex).some((e) => e.type === 'usage')) fail('completed without usage first');
    if (events.slice(completedIndex + 1).some((e) => e.type === 'usage')) fail('usage after completion');
    if (cancelAccepted) fail('completed after a cancel was accepted');
  }
  for (const e of events) {
    if (e.type === 'failed' && !(FAILURE_CODES as readonly string[]).includes(e.failure?.code ?? '')) fail(`failure without a class (${String(e.failure?.code)})`);
    if (e.type === 'failed' && !e.failure.reason) fail('failure without a reason');
  }
  const last = events.at(-1)!;
  if (task && TERMINAL_EVENT_TYPES.has(last.type) && task.status !== last.type) fail(`record says ${task.status}, events say ${last.type}`);
  if (task && task.status === 'failed' && !task.error?.code) fail('failed record without a failure class');
  return out;
}
