// Keys come from VS Code SecretStorage through an injected getter, read per request so a key set
// while tasks wait is used. A pasted key often carries a trailing newline; blank means "no key".
import { ProviderError } from '../../core/domain/chatProvider';
import { phrase } from '../../core/domain/phrase';

export async function readApiKey(getApiKey: () => Promise<string | undefined>, providerId: string, label: string): Promise<string | undefined> {
  let key: string | undefined;
  try {
    key = (await getApiKey())?.trim();
  } catch {
    // The store's own error text is not shown: it could quote what it was holding.
    throw new ProviderError(phrase('provider.keyUnreadable', { provider: label }), { kind: 'auth', providerId });
  }
  return key ? key : undefined;
}
