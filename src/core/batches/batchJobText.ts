// How a provider batch job reads to a person: the status line of its waiting tasks ("at OpenAI:
// in progress, 8,112 / 10,000 done") and the summary its tree row shows. Plain words from the
// job record, so the tree, the panel and the log say the same thing.
import type { BatchPhase } from '../domain/providerBatchApi';
import { isPartActive, type BatchJob, type BatchPart } from './batchJob';

const PHASE_WORDS: Readonly<Record<BatchPhase, string>> = {
  validating: 'validating',
  in_progress: 'in progress',
  finalizing: 'finalizing',
  cancelling: 'cancelling',
  ended: 'ended',
};

function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** The status line of the tasks of one part: "at OpenAI: in progress, 812 / 1,000 done (provider batch 2 of 3)". */
export function partStatusLine(job: BatchJob, part: BatchPart, providerLabel: string): string {
  const which = job.parts.length > 1 ? ` (provider batch ${part.index + 1} of ${job.parts.length})` : '';
  const { text, trouble } = partState(job, part);
  return `at ${providerLabel}: ${text}${which}${trouble}`;
}

/** Where one part is, without the provider's name: "in progress, 812 / 1,000 done". */
export function partStateText(job: BatchJob, part: BatchPart): string {
  const { text, trouble } = partState(job, part);
  return `${text}${trouble}`;
}

function partState(job: BatchJob, part: BatchPart): { readonly text: string; readonly trouble: string } {
  const trouble = part.lastError ? `; ${part.lastError}` : '';
  switch (part.state) {
    case 'pending':
      return { text: job.cancelRequested ? 'cancelling' : part.submitAttempts > 0 ? 'submitting again later' : 'waiting to be submitted', trouble };
    case 'submitting':
      return { text: part.lastError ? 'submitting again later' : 'submitting', trouble };
    case 'submitted': {
      const status = part.status;
      const phase = status ? PHASE_WORDS[status.phase] : 'submitted';
      const cancel = job.cancelRequested && status?.phase !== 'cancelling' ? ', cancel requested' : '';
      return { text: `${phase}${countsText(part)}${cancel}`, trouble };
    }
    case 'ended':
      return { text: 'ended, fetching results', trouble };
    case 'ingested':
      return { text: `ended${part.status?.outcome && part.status.outcome !== 'completed' ? ` (${part.status.outcome})` : ''}, ${num(part.requests)} result(s) taken in`, trouble: '' };
    case 'failed':
      return { text: 'could not be submitted', trouble };
    case 'lost':
      return { text: 'no longer known to the provider', trouble: '' };
    case 'cancelled':
      return { text: 'cancelled before it was submitted', trouble: '' };
  }
}

function countsText(part: BatchPart): string {
  const status = part.status;
  if (!status) return '';
  if (!status.progressKnown) return `, ${num(part.requests)} processing`;
  return `, ${num(status.counts.done)} / ${num(status.counts.total || part.requests)} done`;
}

export interface JobSummary {
  /** "validating", "in progress", "finalizing", "cancelling", "ended", "submitting", "waiting to be submitted". */
  readonly phase: string;
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
  const order = ['pending', 'submitting', 'validating', 'in_progress', 'finalizing', 'cancelling', 'ended'];
  const phaseOf = (p: BatchPart): string => (p.state === 'submitted' ? (p.status?.phase ?? 'validating') : p.state === 'ended' ? 'ended' : p.state);
  let phase = 'ended';
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
  const words: Record<string, string> = { ...PHASE_WORDS, pending: 'waiting to be submitted', submitting: 'submitting' };
  return { phase: words[phase] ?? phase, active: active.length > 0, requests: job.requests, done, progressKnown, parts: job.parts.length };
}

/** "in progress · 8,112 / 10,000 done · 2 provider batches". */
export function jobSummaryText(summary: JobSummary): string {
  const counts = summary.progressKnown || !summary.active ? `${num(summary.done)} / ${num(summary.requests)} done` : `${num(summary.requests)} processing`;
  return [summary.phase, counts, ...(summary.parts > 1 ? [`${summary.parts} provider batches`] : [])].join(' · ');
}
