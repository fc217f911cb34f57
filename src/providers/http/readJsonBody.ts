// Reads a 2xx JSON body; a body that is not JSON means the base URL points at the wrong kind of
// server (a web page, a proxy login), which is a protocol problem, not a network one.
import { ProviderError } from '../../core/domain/chatProvider';
import { transportError, type TransportContext } from './transportError';
import { phrase } from '../../core/domain/phrase';

export async function readJsonBody(response: Response, context: TransportContext): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw transportError(error, 'body', context);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError(phrase('provider.notJson', {}), { kind: 'protocol', providerId: context.providerId });
  }
}
