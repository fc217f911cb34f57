// The prompt, collapsed by default with its first line as the preview. Shown as plain text.
import * as l10n from '@vscode/l10n';
import type { TaskView } from '../src/shared/protocol';
import { h } from './element';
import { promptPreview } from './format';

export function renderPrompt(task: TaskView): HTMLElement {
  const collapsible = h('vscode-collapsible', { class: 'prompt', 'data-testid': 'prompt' }, h('pre', { class: 'prompt-text' }, task.prompt));
  collapsible.heading = l10n.t('Prompt');
  collapsible.description = promptPreview(task.prompt);
  return collapsible;
}
