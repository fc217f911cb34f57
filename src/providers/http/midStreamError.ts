// An error the vendor sent inside a 200 stream (OpenAI `data: {"error": …}`, Anthropic
// `event: error`). The SDKs never retry these; the failure classifier decides from vendorType.
import { ProviderError } from '../../core/domain/chatProvider';
import type { StreamContext } from './streamContext';
import { vendorErrorFromJson } from './vendorError';
import { phrase } from '../../core/domain/phrase';

export function midStreamError(json: unknown, context: StreamContext): ProviderError {
  const vendor = vendorErrorFromJson(json);
  return new ProviderError(phrase('provider.midStream', { provider: context.label, detail: vendor?.message ?? phrase('provider.noDetails', {}) }), {
    kind: 'stream',
    providerId: context.providerId,
    ...(vendor?.type !== undefined && { vendorType: vendor.type }),
    ...(vendor?.code !== undefined && { vendorCode: vendor.code }),
  });
}
