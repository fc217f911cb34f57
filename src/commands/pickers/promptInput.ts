// The input box behind "Run Prompt…" and "Run Prompt on Selection": Enter runs with the defaults,
// and two title-bar buttons override the provider/model and the priority for this task only.
import * as vscode from 'vscode';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import { PRIORITIES, type Priority } from '../../shared/taskVocabulary';
import { pickModel, type ModelChoice } from './modelPicker';

export interface PromptAnswer {
  readonly text: string;
  readonly choice: ModelChoice;
  readonly priority: Priority;
}

export interface PromptInputOptions {
  readonly title: string;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly priority: Priority;
  readonly providers: ProviderRegistry;
  readonly catalog: ModelCatalog;
  /**
   * What running the text would take (tokens, cost range), shown under the box and updated as the
   * user types or picks another model. Undefined when there is nothing to say.
   */
  readonly estimate?: (text: string, choice: ModelChoice) => Promise<string | undefined>;
}

/** Recount after typing pauses this long: a selection's count is kept, so only the typed part is recounted. */
const ESTIMATE_DEBOUNCE_MS = 150;
const COUNTING_NOTICE_MS = 300;

type BoxResult = { kind: 'accept' | 'model' | 'priority'; value: string } | undefined;

const MODEL_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('sparkle'), tooltip: 'Choose the provider and model for this task' };
const PRIORITY_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('list-ordered'), tooltip: 'Choose the priority for this task' };

export async function askForPrompt(options: PromptInputOptions): Promise<PromptAnswer | undefined> {
  let value = options.value ?? '';
  let choice = options.providers.defaultSelection();
  let priority = options.priority;
  for (;;) {
    const subtitle = `${options.providers.label(choice.providerId)} · ${choice.model || 'default model'} · ${priority} priority`;
    const result = await showBox(options, value, subtitle, choice);
    if (!result) return undefined;
    value = result.value;
    if (result.kind === 'accept') return { text: value.trim(), choice, priority };
    if (result.kind === 'model') choice = (await pickModel(options.catalog, choice, 'Model for this task')) ?? choice;
    if (result.kind === 'priority') {
      const picked = await vscode.window.showQuickPick([...PRIORITIES], { title: 'Priority for this task', placeHolder: `Currently ${priority}` });
      priority = (picked as Priority | undefined) ?? priority;
    }
  }
}

function showBox(options: PromptInputOptions, value: string, subtitle: string, choice: ModelChoice): Promise<BoxResult> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  const basePrompt = `${options.prompt ? `${options.prompt} ` : ''}Runs on ${subtitle}. The buttons above change the model or priority for this task only.`;
  box.prompt = basePrompt;
  box.placeholder = options.placeholder ?? '';
  box.value = value;
  box.ignoreFocusOut = true;
  box.buttons = [MODEL_BUTTON, PRIORITY_BUTTON];
  return new Promise<BoxResult>((resolve) => {
    let settled = false;
    const finish = (result: BoxResult): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(result);
      box.dispose();
    };
    let timer: NodeJS.Timeout | undefined;
    let asked = 0;
    const refreshEstimate = (): void => {
      const estimate = options.estimate;
      if (!estimate) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const ticket = ++asked;
        const text = value.trim();
        let answered = false;
        // The first count of a large selection or batch takes a moment (later ones reuse it): say so.
        const slow = setTimeout(() => {
          if (!settled && !answered && ticket === asked) box.prompt = `${basePrompt} — counting tokens…`;
        }, COUNTING_NOTICE_MS);
        void estimate(text, choice).then(
          (line) => {
            answered = true;
            clearTimeout(slow);
            // A slower count for an older text must not overwrite a newer one.
            if (!settled && ticket === asked) box.prompt = line ? `${basePrompt} — ${line}` : basePrompt;
          },
          () => clearTimeout(slow),
        );
      }, ESTIMATE_DEBOUNCE_MS);
    };
    refreshEstimate();
    box.onDidChangeValue((v) => {
      box.validationMessage = undefined;
      value = v;
      refreshEstimate();
    });
    box.onDidAccept(() => {
      if (!box.value.trim()) {
        box.validationMessage = 'Type something to run.';
        return;
      }
      finish({ kind: 'accept', value: box.value });
    });
    box.onDidTriggerButton((button) => finish({ kind: button === MODEL_BUTTON ? 'model' : 'priority', value: box.value }));
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
