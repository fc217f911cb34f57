// Phrases of the log kept with a task (shown in the panel and exports, and written to the output
// channel): its attempts, how each failed and what came next, and its workflow steps.
import type { FailureCode } from '../taskFailure';
import type { Phrase } from '../phrase';
import type { NoArgs } from './commonPhrases';

export interface TaskLogPhrases {
  readonly 'log.sending': { readonly provider: string; readonly model: string; readonly attempt: number; readonly allowed: number };
  /** "failed (RATE_LIMITED, HTTP 429, request req_1): <reason>; retrying in 2s". */
  readonly 'log.attemptFailed': { readonly facts: Phrase; readonly reason: Phrase; readonly next: Phrase };
  /** The facts of a failed attempt, built up: its class, then its HTTP status, then its request id. */
  readonly 'log.facts.code': { readonly code: FailureCode };
  readonly 'log.facts.status': { readonly facts: Phrase; readonly status: number };
  readonly 'log.facts.request': { readonly facts: Phrase; readonly requestId: string };
  readonly 'log.next.retry': { readonly seconds: number };
  readonly 'log.next.requeue': NoArgs;
  readonly 'log.next.stop': NoArgs;
  /** The marker that stands for the lines dropped from a full log. */
  readonly 'log.linesNotKept': { readonly count: number };
  readonly 'log.step.started': { readonly step: Phrase };
  readonly 'log.step.completed': { readonly step: Phrase };
  /** "step 2 of 3 — review". */
  readonly 'step.label': { readonly step: number; readonly steps: number; readonly name: string };
}
