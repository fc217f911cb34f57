// How a provider batch job reads to a person: the status line of its waiting tasks ("at OpenAI:
// in progress, 8,112 / 10,000 done") and the summary its tree row shows. Phrases from the job
// record, so the tree, the panel and the log say the same thing, in the window's language.
import { phrase, type Phrase, type PhraseArg } from '../domain/phrase';
import type { BatchOutcome, BatchPhase } from '../domain/providerBatchApi';
import { isPartActive, type BatchJob, type BatchPart } from './batchJob';

const PHASES: Readonly<Record<BatchPhase, Phrase>> = {
  validating: phrase('batch.phase.validating', {}),
  in_progress: phrase('batch.phase.inProgress', {}),
  finalizing: phrase('batch.phase.finalizing', {}),
  cancelling: phrase('batch.phase.cancelling', {}),
  ended: phrase('batch.phase.ended', {}),
};

const OUTCOMES: Readonly<Record<BatchOutcome, Phrase>> = {
  completed: phrase('batch.outcome.completed', {}),
  failed: phrase('batch.outcome.failed', {}),
  expired: phrase('batch.outcome.expired', {}),
  cancelled: phrase('batch.outcome.cancelled', {}),
};

/** The status line of the tasks of one part: "at OpenAI: in progress, 812 / 1,000 done (provider batch 2 of 3)". */
export function partStatusLine(job: BatchJob, part: BatchPart, providerLabel: string): Phrase {
  const { state, trouble } = partState(job, part);
  if (job.parts.length > 1) return phrase('batch.part.statusLineOfMany', { provider: providerLabel, state, index: part.index + 1, parts: job.parts.length, trouble });
  return phrase('batch.part.statusLine', { provider: providerLabel, state, trouble });
}

/** Where one part is, without the provider's name: "in progress, 812 / 1,000 done". */
export function partStateText(job: BatchJob, part: BatchPart): Phrase {
  return phrase('batch.part.state', partState(job, part));
}

function partState(job: BatchJob, part: BatchPart): { readonly state: Phrase; readonly trouble: PhraseArg } {
  const trouble = part.lastError ? phrase('batch.part.trouble', { error: part.lastError }) : '';
  switch (part.state) {
    case 'pending': {
      const key = job.cancelRequested ? 'batch.phase.cancelling' : part.submitAttempts > 0 ? 'batch.phase.submittingLater' : 'batch.phase.waiting';
      return { state: phrase(key, {}), trouble };
    }
    case 'submitting':
      return { state: phrase(part.lastError ? 'batch.phase.submittingLater' : 'batch.phase.submitting', {}), trouble };
    case 'submitted': {
      const status = part.status;
      const phase = status ? PHASES[status.phase] : phrase('batch.phase.submitted', {});
      const cancel = job.cancelRequested && status?.phase !== 'cancelling' ? phrase('batch.part.cancelRequested', {}) : '';
      return { state: phrase('batch.part.submittedState', { phase, counts: countsOf(part), cancel }), trouble };
    }
    case 'ended':
      return { state: phrase('batch.part.fetching', {}), trouble };
    case 'ingested': {
      const outcome = part.status?.outcome;
      const state = outcome && outcome !== 'completed' ? phrase('batch.part.ingestedOutcome', { outcome: OUTCOMES[outcome], requests: part.requests }) : phrase('batch.part.ingested', { requests: part.requests });
      return { state, trouble: '' };
    }
    case 'failed':
      return { state: phrase('batch.part.notSubmitted', {}), trouble };
    case 'lost':
      return { state: phrase('batch.part.lost', {}), trouble: '' };
    case 'cancelled':
      return { state: phrase('batch.part.cancelledUnsubmitted', {}), trouble: '' };
  }
}

function countsOf(part: BatchPart): PhraseArg {
  const status = part.status;
  if (!status) return '';
  if (!status.progressKnown) return phrase('batch.part.processing', { requests: part.requests });
  return phrase('batch.part.progress', { done: status.counts.done, total: status.counts.total || part.requests });
}

export interface JobSummary {
  /** "validating", "in progress", "finalizing", "cancelling", "ended", "submitting", "waiting to be submitted". */
  readonly phase: Phrase;
  readonly active: boolean;
  readonly requests: number;
  /** Requests with a result at the provider (reported while it runs, where the provider reports it). */
  readonly done: number;
  readonly progressKnown: boolean;
  readonly parts: number;
}

/** The job as one: the least advanced phase of its active parts, and the counts added up. */
export function summarizeJob(job: BatchJob): JobSummary {
  const active = job.parts.filter(isPartActive);
  const order = ['pending', 'submitting', 'validating', 'in_progress', 'finalizing', 'cancelling', 'ended'] as const;
  type Step = (typeof order)[number];
  const phaseOf = (p: BatchPart): Step => (p.state === 'submitted' ? (p.status?.phase ?? 'validating') : p.state === 'ended' ? 'ended' : p.state === 'submitting' ? 'submitting' : 'pending');
  let phase: Step = 'ended';
  if (active.length > 0) {
    const phases = active.map(phaseOf);
    phase = job.cancelRequested ? 'cancelling' : phases.reduce((a, b) => (order.indexOf(b) < order.indexOf(a) ? b : a));
  }
  let done = 0;
  let progressKnown = true;
  for (const part of job.parts) {
    if (!isPartActive(part)) done += part.requests;
    else if (part.status?.progressKnown) done += part.status.counts.done;
    else if (part.state === 'submitted') progressKnown = false;
  }
  const words: Readonly<Record<Step, Phrase>> = { ...PHASES, pending: phrase('batch.phase.waiting', {}), submitting: phrase('batch.phase.submitting', {}) };
  return { phase: words[phase], active: active.length > 0, requests: job.requests, done, progressKnown, parts: job.parts.length };
}

/** "in progress · 8,112 / 10,000 done · 2 provider batches". */
export function jobSummaryText(summary: JobSummary): Phrase {
  const counts = summary.progressKnown || !summary.active ? phrase('batch.job.progress', { done: summary.done, requests: summary.requests }) : phrase('batch.job.processing', { requests: summary.requests });
  return phrase('batch.job.summary', { phase: summary.phase, counts, parts: summary.parts > 1 ? phrase('batch.job.parts', { parts: summary.parts }) : '' });
}
