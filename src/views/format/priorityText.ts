// A task's priority in words. The settings and the protocol keep the code ("high"); a person reads
// a word of their language, one message per priority so a language can inflect each on its own.
import * as l10n from '@vscode/l10n';
import type { Priority } from '../../shared/taskVocabulary';

const NAMES: Readonly<Record<Priority, () => string>> = {
  urgent: () => l10n.t({ message: 'urgent', comment: ['A task priority, as a value: "Priority: urgent".'] }),
  high: () => l10n.t({ message: 'high', comment: ['A task priority, as a value: "Priority: high".'] }),
  normal: () => l10n.t({ message: 'normal', comment: ['A task priority, as a value: "Priority: normal".'] }),
  low: () => l10n.t({ message: 'low', comment: ['A task priority, as a value: "Priority: low".'] }),
};

const PHRASES: Readonly<Record<Priority, () => string>> = {
  urgent: () => l10n.t('urgent priority'),
  high: () => l10n.t('high priority'),
  normal: () => l10n.t('normal priority'),
  low: () => l10n.t('low priority'),
};

/** "high": the priority as a value, after a label. */
export function priorityName(priority: Priority): string {
  return NAMES[priority]();
}

/** "high priority": the priority on its own in a list of facts. */
export function priorityPhrase(priority: Priority): string {
  return PHRASES[priority]();
}
