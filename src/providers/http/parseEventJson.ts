// JSON.parse for one stream event; malformed data is the server's protocol error, not ours.
import { ProviderError } from '../../core/domain/chatProvider';
import { phrase } from '../../core/domain/phrase';

export function parseEventJson(data: string, providerId: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new ProviderError(phrase('provider.stream.badJson', {}), { kind: 'protocol', providerId });
  }
}
