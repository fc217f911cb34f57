// Builds the provider batch jobs for this window: the engine's tasks, the providers' batch clients,
// the jobs file next to the task history (so the same one-window lock covers it), the poll policy
// from the settings, and the history flushed before anything is submitted. Without a history folder
// the jobs still run, but a reload would forget them, and the window says so.
import { randomUUID } from 'node:crypto';
import { ProviderBatches } from '../../core/batches/providerBatches';
import { pollPolicyFor, type PollPolicy } from '../../core/batches/pollSchedule';
import type { Clock } from '../../core/domain/clock';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { BatchJobFile } from '../../persistence/batchJobFile';
import type { Settings } from '../config/settings';
import type { Logger } from '../logging/logger';
import type { ApiKeyStore } from '../secrets/apiKeyStore';
import { batchClientLookup } from './batchClients';
import { phraseText } from '../../views/format/phraseText';

export interface ProviderBatchServiceOptions {
  readonly engine: TaskEngine;
  readonly clock: Clock;
  readonly settings: () => Settings;
  readonly keys: Pick<ApiKeyStore, 'get'>;
  /** The task history's folder; undefined when this window saves no history. */
  readonly directory: string | undefined;
  readonly flushTasks: () => Promise<void>;
  readonly log: Logger;
  /** Only in ExtensionMode.Test: the interval between checks, in ms (real providers are checked at most once a minute). */
  readonly testPollMs?: number;
}

export function createProviderBatches(o: ProviderBatchServiceOptions): ProviderBatches {
  const policy = (): PollPolicy => (o.testPollMs !== undefined ? { minMs: o.testPollMs, maxMs: o.testPollMs * 4, factor: 1.5 } : pollPolicyFor(o.settings().providerBatch.pollMs));
  return new ProviderBatches({
    tasks: o.engine,
    clock: o.clock,
    newId: randomUUID,
    api: batchClientLookup(o.settings, o.keys),
    requestDefaults: () => {
      const max = o.settings().maxOutputTokens;
      return max !== undefined ? { maxOutputTokens: max } : {};
    },
    ...(o.directory !== undefined && { store: new BatchJobFile(o.directory) }),
    pollPolicy: policy,
    flushTasks: o.flushTasks,
    log: (level, message) => (level === 'error' ? o.log.error(message) : o.log[level](message)),
    words: phraseText,
  });
}
