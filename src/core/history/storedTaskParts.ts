// Schemas and conversions for what a task carries beyond its prompt and output: workflow steps,
// quality checks and score, the rating, the prompt file it came from, and its log. Validated on
// the way back in like the rest of a stored task; every text is redacted on the way out.
import * as v from 'valibot';
import { UsageViewSchema } from '../../shared/protocol';
import { mapPhraseText, phrase, type PhraseWords } from '../domain/phrase';
import type { TaskFailure } from '../domain/taskFailure';
import { StoredFailureSchema } from './storedFailure';
import { RATINGS, type QualityCheck } from '../domain/quality';
import { StoredPhraseSchema } from '../domain/phrases/storedPhraseSchema';
import type { Task } from '../domain/taskModel';
import type { TaskLogLine } from '../domain/taskLogLine';
import { STEP_STATUSES, type WorkflowStep } from '../domain/workflowStep';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.finite());

export { StoredFailureSchema };

const StepSchema = v.object({
  name: v.string(),
  parts: v.array(v.union([v.object({ text: v.string() }), v.object({ stepOutput: count })])),
  status: v.picklist(STEP_STATUSES),
  output: v.string(),
  attempts: count,
  usage: v.optional(UsageViewSchema),
  costUsd: v.optional(v.nullable(v.number())),
  error: v.optional(StoredFailureSchema),
  startedAt: v.optional(time),
  finishedAt: v.optional(time),
  carried: v.optional(v.boolean()),
});

const CheckSchema = v.variant('kind', [
  v.object({ kind: v.literal('contains'), text: v.string(), ignoreCase: v.optional(v.boolean()) }),
  v.object({ kind: v.literal('notContains'), text: v.string(), ignoreCase: v.optional(v.boolean()) }),
  v.object({ kind: v.literal('regex'), pattern: v.string(), flags: v.optional(v.string()) }),
  v.object({ kind: v.literal('json'), schema: v.optional(v.record(v.string(), v.unknown())) }),
  v.object({ kind: v.literal('maxLength'), chars: count }),
  v.object({ kind: v.literal('codeBlock'), language: v.optional(v.string()) }),
]);

export const QualityScoreSchema = v.object({
  score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  passed: count,
  total: count,
  // A history written before phrases holds the English sentences: they are read as verbatim text.
  failed: v.array(v.object({ check: StoredPhraseSchema, reason: StoredPhraseSchema })),
});

const LogLineSchema = v.object({
  at: time,
  level: v.picklist(['info', 'warn']),
  message: StoredPhraseSchema,
  attempt: v.optional(count),
  step: v.optional(count),
});

/** The entries a stored task adds for these parts (spread into StoredTaskSchema). */
export const STORED_PARTS_ENTRIES = {
  maxOutputTokens: v.optional(count),
  steps: v.optional(v.array(StepSchema)),
  stepIndex: v.optional(count),
  checks: v.optional(v.array(CheckSchema)),
  quality: v.optional(QualityScoreSchema),
  rating: v.optional(v.picklist(RATINGS)),
  promptFile: v.optional(v.object({ path: v.string(), version: v.string() })),
  log: v.optional(v.array(LogLineSchema)),
};

type StoredParts = { -readonly [K in keyof typeof STORED_PARTS_ENTRIES]?: v.InferOutput<(typeof STORED_PARTS_ENTRIES)[K]> };

/** A step's output is capped like a task's (the head kept); `max` is that cap. */
/** `words` writes the marker that ends a cut step output (see cutMarked). */
export function toStoredParts(task: Task, redact: (text: string) => string, max: number, words: PhraseWords): StoredParts {
  const cut = (text: string): string => {
    const redacted = redact(text);
    return redacted.length > max ? cutMarked(redacted.slice(0, max), redacted.length - max, words) : redacted;
  };
  return {
    ...(task.maxOutputTokens !== undefined && { maxOutputTokens: task.maxOutputTokens }),
    ...(task.steps && { steps: task.steps.map((s) => storedStep(s, cut, redact)) }),
    ...(task.stepIndex !== undefined && { stepIndex: task.stepIndex }),
    ...(task.checks && { checks: task.checks.map((c) => ({ ...c }) as QualityCheck) as StoredParts['checks'] }),
    ...(task.quality && { quality: { ...task.quality, failed: task.quality.failed.map((f) => ({ ...f })) } }),
    ...(task.rating && { rating: task.rating }),
    ...(task.promptFile && { promptFile: { ...task.promptFile } }),
    ...(task.log && task.log.length > 0 && { log: task.log.map((l: TaskLogLine) => ({ ...l, message: mapPhraseText(l.message, redact) })) }),
  };
}

function storedStep(step: WorkflowStep, cut: (text: string) => string, redact: (text: string) => string): v.InferOutput<typeof StepSchema> {
  return {
    ...step,
    parts: step.parts.map((p) => ('text' in p ? { text: redact(p.text) } : { stepOutput: p.stepOutput })),
    output: cut(step.output),
    ...(step.usage && { usage: { ...step.usage } }),
    ...(step.error && { error: storedFailure(step.error, redact) }),
  };
}

/** A failure with every text of its phrases redacted. */
export function storedFailure(failure: TaskFailure, redact: (text: string) => string): TaskFailure {
  return { ...failure, reason: mapPhraseText(failure.reason, redact), ...(failure.remediation && { remediation: mapPhraseText(failure.remediation, redact) }) };
}

/** `text` followed by the marker saying how many characters after it were not kept. */
export function cutMarked(text: string, droppedChars: number, words: PhraseWords): string {
  return `${text}\n\n[${words(phrase('history.outputCut', { chars: droppedChars }))}]`;
}
