// What one attempt sends: the task's model, system prompt and output cap around a prompt (the
// task's own, or the running workflow step's), and that prompt's estimated size for pacing.
import type { ChatRequest } from '../domain/chatProvider';
import type { Task } from '../domain/taskModel';
import { estimateTokens } from '../usage/tokenEstimate';

export interface AttemptRequest {
  readonly request: ChatRequest;
  /** Estimated input tokens, for the provider's token budget before usage is known. */
  readonly promptTokens: number;
}

export function attemptRequest(task: Task, prompt: string): AttemptRequest {
  return {
    request: {
      model: task.model,
      prompt,
      ...(task.systemPrompt !== undefined && { systemPrompt: task.systemPrompt }),
      ...(task.maxOutputTokens !== undefined && { maxOutputTokens: task.maxOutputTokens }),
    },
    promptTokens: estimateTokens(`${task.systemPrompt ?? ''}${prompt}`),
  };
}
