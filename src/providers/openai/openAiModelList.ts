// GET {baseUrl}/models → `{object: "list", data: [{id, object: "model", owned_by, …}]}`.
import * as v from 'valibot';
import { ProviderError, type ModelInfo } from '../../core/domain/chatProvider';
import { phrase } from '../../core/domain/phrase';

const modelListSchema = v.object({ data: v.array(v.object({ id: v.string() })) });

export function parseOpenAiModelList(json: unknown, providerId: string): ModelInfo[] {
  const parsed = v.safeParse(modelListSchema, json);
  if (!parsed.success) throw new ProviderError(phrase('provider.models.notOpenAi', {}), { kind: 'protocol', providerId });
  return parsed.output.data.map((m) => ({ id: m.id }));
}
