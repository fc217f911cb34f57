// The engine settings that apply live, in one place: attempts, the retry-wait budget, the idle
// timeout, per-provider limits and pause-on-failure. Setting them again is harmless, so the
// composition root calls this at start and on every settings change.
import { DEFAULT_RETRY_POLICY } from '../../core/engine/retryPolicy';
import type { TaskEngine } from '../../core/engine/taskEngine';
import type { Settings } from './settings';

export function applyEngineSettings(engine: TaskEngine, settings: Settings): void {
  // A single server-requested wait stays capped by the policy (60 s, as openai-node caps it); the
  // setting bounds all of one task's waits together.
  engine.setRetryPolicy({ ...DEFAULT_RETRY_POLICY, maxAttempts: settings.maxAttempts });
  engine.setRetryBudgetMs(settings.maxRetryWaitMs);
  engine.setIdleTimeoutMs(settings.idleTimeoutMs);
  engine.setProviderLimits(settings.providerLimits);
  engine.setPauseOnFailure(settings.pauseOnFailure);
}
