// Usage and cost while a task streams: counted from the prompt and the output so far (about four
// characters a token) and always flagged as estimates. The provider's own figures replace them
// when its usage arrives at the end of the stream.
import type { Task } from '../domain/taskModel';
import type { TokenUsage } from '../domain/tokenUsage';
import type { PriceBook } from '../usage/priceBook';
import { estimateUsage } from '../usage/tokenEstimate';

export interface LiveUsage {
  readonly usage: TokenUsage;
  /** null when the model's price is unknown. */
  readonly costUsd: number | null;
}

/** The estimate for a running task that has no usage yet; undefined otherwise. */
export function liveUsage(task: Task, priceBook: PriceBook, local: boolean): LiveUsage | undefined {
  if (task.status !== 'running' || task.usage) return undefined;
  const usage = estimateUsage(`${task.systemPrompt ?? ''}${task.prompt}`, task.output);
  return { usage, costUsd: priceBook.cost(task.model, usage, local) };
}
