// Phrases of a task's failure: what happened (the reason) and what to do about it (the advice,
// derived from the failure class, so a stored failure is advised in the reader's language).
import type { FailureCode } from '../taskFailure';
import type { Phrase } from '../phrase';
import type { NoArgs } from './commonPhrases';

/** One piece of advice per failure class, keyed "failure.remediation.<CODE>". */
type RemediationPhrases = { readonly [C in FailureCode as `failure.remediation.${C}`]: NoArgs };

/** A workflow step, named in the failure of its workflow. */
interface StepArgs {
  readonly step: number;
  readonly steps: number;
  readonly name: string;
  readonly reason: Phrase;
}

export interface FailurePhrases extends RemediationPhrases {
  /** A stalled stream is not cured by a longer total limit: this advice names the idle limit. */
  readonly 'failure.remediation.idleTimeout': NoArgs;
  /** A wrong setting, named: base URLs are machine-scoped, read in a remote window from its Remote tab. */
  readonly 'failure.remediation.configSetting': { readonly setting: string };
  readonly 'failure.timeout.idle': { readonly seconds: number };
  readonly 'failure.timeout.total': { readonly seconds: number };
  /** A timeout that ended the task, with the output received so far. */
  readonly 'failure.timeout.partialKept': { readonly timeout: Phrase };
  readonly 'failure.timeout.partialKeptEachAttempt': { readonly timeout: Phrase; readonly attempts: number };
  /** A failure's reason after what was being done: "In the OpenAI batch: <reason>". */
  readonly 'failure.inContext': { readonly context: Phrase; readonly reason: Phrase };
  /** A failure with the reason retrying stopped early. */
  readonly 'failure.withStopNote': { readonly reason: Phrase; readonly note: Phrase };
  readonly 'failure.retryStop.longWait': { readonly asked: Phrase; readonly cap: Phrase };
  readonly 'failure.retryStop.budget': { readonly seconds: number; readonly budgetSeconds: number };
  readonly 'failure.providerNotConfigured': { readonly provider: string };
  /** The provider's breaker was open for the task's whole time limit, before it was ever sent. */
  readonly 'failure.neverSent': { readonly provider: string; readonly outageSeconds: number; readonly limitSeconds: number };
  readonly 'failure.neverSent.last': { readonly provider: string; readonly outageSeconds: number; readonly limitSeconds: number; readonly last: Phrase };
  /** The time limit ran out while the task waited for an unavailable provider. */
  readonly 'failure.unavailableTimedOut': { readonly provider: string; readonly limitSeconds: number };
  readonly 'failure.unavailableTimedOut.last': { readonly provider: string; readonly limitSeconds: number; readonly last: Phrase };
  readonly 'failure.interrupted': NoArgs;
  readonly 'failure.step.interrupted': StepArgs;
  readonly 'failure.step.failed': StepArgs;
  readonly 'failure.cancelled': NoArgs;
  readonly 'failure.cancelled.byUser': NoArgs;
  readonly 'failure.cancelled.batchByUser': NoArgs;
  readonly 'failure.cancelled.shutdown': NoArgs;
}
