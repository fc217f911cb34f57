// JSON.parse for one stream event; malformed data is the server's protocol error, not ours.
import { ProviderError } from '../../core/domain/chatProvider';

export function parseEventJson(data: string, providerId: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new ProviderError('The server sent a stream event that is not valid JSON.', { kind: 'protocol', providerId });
  }
}
