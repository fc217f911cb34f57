// GET /v1/models → `{data: [{type: "model", id, display_name, created_at}], has_more, first_id, last_id}`.
import * as v from 'valibot';
import { ProviderError, type ModelInfo } from '../../core/domain/chatProvider';
import { phrase } from '../../core/domain/phrase';

const modelListSchema = v.object({
  data: v.array(v.object({ id: v.string(), display_name: v.optional(v.nullable(v.string())) })),
});

export function parseAnthropicModelList(json: unknown, providerId: string): ModelInfo[] {
  const parsed = v.safeParse(modelListSchema, json);
  if (!parsed.success) throw new ProviderError(phrase('provider.models.notAnthropic', {}), { kind: 'protocol', providerId });
  return parsed.output.data.map((m) => (m.display_name ? { id: m.id, label: m.display_name } : { id: m.id }));
}
