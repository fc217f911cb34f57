// What each row of the model picker says beside the model's name (no vscode import: unit-tested).
// One model served by two providers (llama3.2 from Ollama's native API and from its /v1 layer)
// would be two identical rows once a typed filter hides the provider separators: such a row names
// its provider.
import * as l10n from '@vscode/l10n';
import type { ProviderModels } from '../../host/providers/modelCatalog';

export function modelRowDescriptions(groups: readonly ProviderModels[]): Map<ProviderModels, Map<string, string>> {
  const providersOf = new Map<string, number>();
  for (const group of groups) for (const id of new Set(group.models.map((m) => m.id))) providersOf.set(id, (providersOf.get(id) ?? 0) + 1);
  return new Map(
    groups.map((group) => [
      group,
      new Map(
        group.models.map((model) => {
          const parts = [model.label && model.label !== model.id ? model.id : '', (providersOf.get(model.id) ?? 0) > 1 ? l10n.t('on {0}', group.entry.label) : ''];
          return [model.id, parts.filter(Boolean).join(' · ')];
        }),
      ),
    ]),
  );
}
