// The request one task becomes in a provider batch: its model, prompt and system prompt, and its
// output cap (the task's own, from a prompt file, else the setting's), the same as it would send here.
import type { BatchRequest } from '../domain/providerBatchApi';
import type { TaskInput } from '../domain/taskModel';

export function batchRequest(customId: string, run: Pick<TaskInput, 'model' | 'prompt' | 'systemPrompt' | 'maxOutputTokens'>, defaults: { readonly maxOutputTokens?: number }): BatchRequest {
  const maxOutputTokens = run.maxOutputTokens ?? defaults.maxOutputTokens;
  return {
    customId,
    model: run.model,
    prompt: run.prompt,
    ...(run.systemPrompt !== undefined && { systemPrompt: run.systemPrompt }),
    ...(maxOutputTokens !== undefined && { maxOutputTokens }),
  };
}
