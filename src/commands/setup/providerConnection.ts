// Settings written by a command reach the provider registry by an event, a moment later: commands
// that write them ("Connect a Provider…", "Select Model…") wait here before they check or report.
import type { ProviderEntry, ProviderRegistry } from '../../host/providers/providerRegistry';

/** How long a settings change may take to reach the registry. */
const SETTLE_MS = 3_000;

/** Resolves with the provider's entry once `fits` holds for it, or undefined after SETTLE_MS. */
export function whenProvider(providers: ProviderRegistry, providerId: string, fits: (entry: ProviderEntry) => boolean): Promise<ProviderEntry | undefined> {
  const now = providers.entry(providerId);
  if (now && fits(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (entry: ProviderEntry | undefined): void => {
      off();
      clearTimeout(timer);
      resolve(entry);
    };
    const off = providers.onDidChange(() => {
      const entry = providers.entry(providerId);
      if (entry && fits(entry)) done(entry);
    });
    const timer = setTimeout(() => done(undefined), SETTLE_MS);
  });
}
