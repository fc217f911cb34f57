// GET {baseUrl}/models → `{object: "list", data: [{id, object: "model", owned_by, …}]}`.
import * as v from 'valibot';
import { ProviderError, type ModelInfo } from '../../core/domain/chatProvider';

const modelListSchema = v.object({ data: v.array(v.object({ id: v.string() })) });

export function parseOpenAiModelList(json: unknown, providerId: string): ModelInfo[] {
  const parsed = v.safeParse(modelListSchema, json);
  if (!parsed.success) throw new ProviderError('The server\'s model list is not in the OpenAI format.', { kind: 'protocol', providerId });
  return parsed.output.data.map((m) => ({ id: m.id }));
}
