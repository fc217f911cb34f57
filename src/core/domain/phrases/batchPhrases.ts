// What core/batches says about a provider batch job: where each part is (the waiting tasks' status
// line, the tree row), why a step failed (kept on the part record), and what its tasks end with.
// Counts are numbers: the sentences format them.
import type { Phrase, PhraseArg } from '../phrase';

type None = Record<string, never>;

/** Where a part or a job is. */
export interface BatchPhasePhrases {
  readonly 'batch.phase.validating': None;
  readonly 'batch.phase.inProgress': None;
  readonly 'batch.phase.finalizing': None;
  readonly 'batch.phase.cancelling': None;
  readonly 'batch.phase.ended': None;
  readonly 'batch.phase.submitted': None;
  readonly 'batch.phase.submitting': None;
  readonly 'batch.phase.submittingLater': None;
  readonly 'batch.phase.waiting': None;
  readonly 'batch.outcome.completed': None;
  readonly 'batch.outcome.failed': None;
  readonly 'batch.outcome.expired': None;
  readonly 'batch.outcome.cancelled': None;
}

export interface BatchPartPhrases {
  /** `counts` and `cancel` are "" or the phrases below. */
  readonly 'batch.part.submittedState': { readonly phase: Phrase; readonly counts: PhraseArg; readonly cancel: PhraseArg };
  readonly 'batch.part.processing': { readonly requests: number };
  readonly 'batch.part.progress': { readonly done: number; readonly total: number };
  readonly 'batch.part.cancelRequested': None;
  readonly 'batch.part.fetching': None;
  readonly 'batch.part.ingested': { readonly requests: number };
  readonly 'batch.part.ingestedOutcome': { readonly outcome: Phrase; readonly requests: number };
  readonly 'batch.part.notSubmitted': None;
  readonly 'batch.part.lost': None;
  readonly 'batch.part.cancelledUnsubmitted': None;
  /** `trouble` is "" or 'batch.part.trouble'. */
  readonly 'batch.part.state': { readonly state: Phrase; readonly trouble: PhraseArg };
  readonly 'batch.part.trouble': { readonly error: Phrase };
  readonly 'batch.part.statusLine': { readonly provider: string; readonly state: Phrase; readonly trouble: PhraseArg };
  readonly 'batch.part.statusLineOfMany': { readonly provider: string; readonly state: Phrase; readonly index: number; readonly parts: number; readonly trouble: PhraseArg };
  /** Why the last step of a part failed (its `lastError`): `error` is the classified failure's message. */
  readonly 'batch.part.callFailed': { readonly what: Phrase; readonly error: Phrase };
  readonly 'batch.part.submitFailed': { readonly error: Phrase };
  readonly 'batch.part.cancelFailed': { readonly error: Phrase };
  readonly 'batch.part.providerDisabled': { readonly provider: string };
  readonly 'batch.call.lookupFailed': None;
  readonly 'batch.call.checkFailed': None;
  readonly 'batch.call.resultsFailed': None;
  readonly 'batch.call.submission': None;
  readonly 'batch.call.check': None;
  readonly 'batch.call.cancel': None;
  readonly 'batch.call.download': None;
  readonly 'batch.call.noAnswer': { readonly call: Phrase; readonly seconds: number };
}

export interface BatchJobPhrases {
  /** `counts` is 'batch.job.progress' or 'batch.job.processing'; `parts` is "" or 'batch.job.parts'. */
  readonly 'batch.job.summary': { readonly phase: Phrase; readonly counts: Phrase; readonly parts: PhraseArg };
  readonly 'batch.job.progress': { readonly done: number; readonly requests: number };
  readonly 'batch.job.processing': { readonly requests: number };
  readonly 'batch.job.parts': { readonly parts: number };
  readonly 'batch.job.retryTitle': { readonly title: string; readonly count: number };
  readonly 'batch.job.recordsLost': { readonly count: number };
  /** What the jobs file (src/persistence/batchJobFile.ts) says when it cannot give back every job. */
  readonly 'batch.store.unreadable': { readonly file: string; readonly error: Phrase };
  readonly 'batch.store.damaged': { readonly aside: string };
  readonly 'batch.store.skipped': { readonly count: number; readonly file: string };
  readonly 'batch.launch.noBatchApi': { readonly provider: string };
  readonly 'batch.launch.nothingToRun': None;
  readonly 'batch.launch.oversized': { readonly count: number; readonly provider: string; readonly megabytes: number };
}

/** What a task of a provider batch ends with (its failure message or cancel reason). */
export interface BatchTaskPhrases {
  readonly 'batch.task.cancelledUnsubmitted': None;
  readonly 'batch.task.cancelledAtProvider': { readonly provider: string };
  readonly 'batch.task.submitFailed': { readonly error: Phrase };
  readonly 'batch.task.submitFailedAttempts': { readonly attempts: number; readonly error: Phrase };
  readonly 'batch.task.resultsUnavailable': { readonly provider: string; readonly batch: string; readonly attempts: number; readonly error: Phrase };
  readonly 'batch.task.lost': { readonly provider: string; readonly batch: string; readonly checks: number };
  readonly 'batch.task.recordLost': None;
  readonly 'batch.task.recordLostRemedy': None;
  readonly 'batch.task.errored': { readonly provider: string; readonly error: Phrase };
  readonly 'batch.task.noResult': { readonly provider: string };
  readonly 'batch.task.noResultIn': { readonly provider: string; readonly batch: string };
  readonly 'batch.task.expired': { readonly provider: string };
  /** `why` is "" or 'batch.task.refusedWhy'. */
  readonly 'batch.task.refused': { readonly provider: string; readonly why: PhraseArg };
  readonly 'batch.task.refusedBatch': { readonly provider: string; readonly batch: string; readonly why: PhraseArg };
  /** `reasons`: the provider's problem and its first line errors ('batch.task.reasonAnd' for more than one); `more` is "" or 'batch.task.refusedMore'. */
  readonly 'batch.task.refusedWhy': { readonly reasons: PhraseArg; readonly more: PhraseArg };
  /** Two reasons in a row: "first; next". */
  readonly 'batch.task.reasonAnd': { readonly first: PhraseArg; readonly next: PhraseArg };
  readonly 'batch.task.refusedMore': { readonly count: number };
  readonly 'batch.task.lineError': { readonly line: number; readonly error: Phrase };
}

export type BatchPhrases = BatchPhasePhrases & BatchPartPhrases & BatchJobPhrases & BatchTaskPhrases;
