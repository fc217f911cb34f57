// The prompt box behind "Run Prompt…", "Run Prompt on Selection", "Run Prompt on File(s)" and
// "Compare Models…". A quick pick whose first row is the prompt you type: Enter runs it. The rows
// under it say, in words, where and how it runs (model, priority, time limit) and change that for
// this task only, by arrow keys or a click: nothing is hidden behind an icon found by hovering.
// The first row's detail shows the expected tokens and cost, updated as you type.
import * as vscode from 'vscode';
import type { ModelCatalog } from '../../host/providers/modelCatalog';
import type { ProviderRegistry } from '../../host/providers/providerRegistry';
import { PRIORITIES, type Priority } from '../../shared/taskVocabulary';
import { priorityName } from '../../views/format/priorityText';
import { pickModel, type ModelChoice } from './modelPicker';
import { askTimeLimit, describeTimeLimit } from './timeLimitInput';

export interface PromptAnswer {
  readonly text: string;
  readonly choice: ModelChoice;
  readonly priority: Priority;
  /** A time limit for this task only; undefined keeps "aiTaskQueue.timeoutSeconds". */
  readonly timeoutMs?: number;
}

export interface PromptInputOptions {
  readonly title: string;
  /** The question, shown under the title, e.g. "What should the model do with the selection?". */
  readonly prompt: string;
  /** An example shown in the empty box. */
  readonly placeholder?: string;
  /** A suggestion run when Enter is pressed with nothing typed, e.g. "Explain this code". */
  readonly value?: string;
  readonly priority: Priority;
  readonly providers: ProviderRegistry;
  readonly catalog: ModelCatalog;
  /** The default time limit (the setting), in ms, to say what "default" means. */
  readonly defaultTimeoutMs?: number;
  /** False when the models are already chosen (Compare Models): no model row. */
  readonly chooseModel?: boolean;
  /**
   * What running the text would take (tokens, cost range), shown under the first row and updated as
   * the user types or picks another model. Undefined when there is nothing to say.
   */
  readonly estimate?: (text: string, choice: ModelChoice) => Promise<string | undefined>;
}

/** Recount after typing pauses this long: a selection's count is kept, so only the typed part is recounted. */
const ESTIMATE_DEBOUNCE_MS = 150;
const COUNTING_NOTICE_MS = 300;

type Row = 'run' | 'model' | 'priority' | 'timeLimit';
interface RowItem extends vscode.QuickPickItem {
  /** Absent on the separator. */
  readonly row?: Row;
}
type BoxResult = { readonly row: Row; readonly value: string } | undefined;

interface Choices {
  choice: ModelChoice;
  priority: Priority;
  timeoutMs: number | undefined;
}

export async function askForPrompt(options: PromptInputOptions): Promise<PromptAnswer | undefined> {
  let value = '';
  const c: Choices = { choice: options.providers.defaultSelection(), priority: options.priority, timeoutMs: undefined };
  for (;;) {
    const result = await showBox(options, value, c);
    if (!result) return undefined;
    value = result.value;
    if (result.row === 'run') {
      const text = value.trim() || options.value || '';
      return { text, choice: c.choice, priority: c.priority, ...(c.timeoutMs !== undefined && { timeoutMs: c.timeoutMs }) };
    }
    if (result.row === 'model') c.choice = (await pickModel(options.catalog, c.choice, vscode.l10n.t('Model for this task'))) ?? c.choice;
    if (result.row === 'priority') c.priority = (await pickPriority(c.priority)) ?? c.priority;
    if (result.row === 'timeLimit') {
      const limit = await askTimeLimit(c.timeoutMs, options.defaultTimeoutMs);
      if (limit !== undefined) c.timeoutMs = limit === 'default' ? undefined : limit;
    }
  }
}

async function pickPriority(current: Priority): Promise<Priority | undefined> {
  const words: Readonly<Record<Priority, string>> = { urgent: vscode.l10n.t('before everything queued'), high: vscode.l10n.t('before normal and low'), normal: vscode.l10n.t('in the order queued'), low: vscode.l10n.t('when nothing else waits') };
  const picked = await vscode.window.showQuickPick(
    PRIORITIES.map((p) => ({ label: priorityName(p), description: `${words[p]}${p === current ? vscode.l10n.t(' · current') : ''}`, priority: p })),
    { title: vscode.l10n.t('Priority for this task'), placeHolder: vscode.l10n.t('Currently {0}', priorityName(current)) },
  );
  return picked?.priority;
}

function rows(options: PromptInputOptions, value: string, c: Choices, estimate: string | undefined): RowItem[] {
  const text = value.trim();
  const models = options.chooseModel === false;
  // The first row's label is what was typed, so it always ranks first while the list is filtered.
  const run: RowItem = {
    row: 'run',
    label: text || options.value || vscode.l10n.t('Type a prompt'),
    alwaysShow: true,
    description: text ? vscode.l10n.t('press Enter to run it') : options.value ? vscode.l10n.t('press Enter to run this suggestion') : '',
    ...(estimate && { detail: estimate }),
  };
  const change = vscode.l10n.t('change for this task');
  return [
    run,
    { label: vscode.l10n.t('Options for this task'), kind: vscode.QuickPickItemKind.Separator, alwaysShow: true },
    ...(models ? [] : [{ row: 'model' as const, label: vscode.l10n.t('$(sparkle) Model: {0}', c.choice.model || vscode.l10n.t('default')), description: `${options.providers.label(c.choice.providerId)} — ${change}`, alwaysShow: true }]),
    { row: 'priority', label: vscode.l10n.t('$(list-ordered) Priority: {0}', priorityName(c.priority)), description: change, alwaysShow: true },
    { row: 'timeLimit', label: vscode.l10n.t('$(watch) Time limit: {0}', describeTimeLimit(c.timeoutMs, options.defaultTimeoutMs)), description: change, alwaysShow: true },
  ];
}

function showBox(options: PromptInputOptions, value: string, c: Choices): Promise<BoxResult> {
  const box = vscode.window.createQuickPick<RowItem>();
  box.title = options.prompt ? `${options.title} — ${options.prompt}` : options.title;
  box.placeholder = options.value ? vscode.l10n.t('Enter runs "{0}", or type your own', options.value) : (options.placeholder ?? vscode.l10n.t('Type a prompt, then press Enter'));
  box.value = value;
  box.ignoreFocusOut = true;
  box.matchOnDescription = false;
  box.matchOnDetail = false;
  let estimate: string | undefined;
  const redraw = (): void => {
    box.items = rows(options, value, c, estimate);
  };
  redraw();
  return new Promise<BoxResult>((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: BoxResult): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(result);
      box.dispose();
    };
    let asked = 0;
    const refreshEstimate = (): void => {
      const estimateOf = options.estimate;
      if (!estimateOf) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const ticket = ++asked;
        const text = value.trim() || options.value || '';
        let answered = false;
        // The first count of a large selection or batch takes a moment (later ones reuse it): say so.
        const slow = setTimeout(() => {
          if (!settled && !answered && ticket === asked) {
            estimate = vscode.l10n.t('counting tokens…');
            redraw();
          }
        }, COUNTING_NOTICE_MS);
        void estimateOf(text, c.choice).then(
          (line) => {
            answered = true;
            clearTimeout(slow);
            // A slower count for an older text must not overwrite a newer one.
            if (settled || ticket !== asked) return;
            estimate = line;
            redraw();
          },
          () => clearTimeout(slow),
        );
      }, ESTIMATE_DEBOUNCE_MS);
    };
    refreshEstimate();
    box.onDidChangeValue((v) => {
      value = v;
      redraw();
      refreshEstimate();
    });
    box.onDidAccept(() => {
      const row = box.selectedItems[0]?.row ?? box.activeItems[0]?.row ?? 'run';
      if (row === 'run' && !box.value.trim() && !options.value) return;
      finish({ row, value: box.value });
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
