// Hooks for the integration tests, present on the API only when the extension runs in
// ExtensionMode.Test: they launch tasks through the same source-recording code the commands use
// (the commands themselves ask for input), and expose the batch review's entries, which VS Code's
// Refactor Preview shows but no API reads back.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import type { TaskEngine } from '../core/engine/taskEngine';
import type { BatchIndex } from '../core/results/batchIndex';
import { titleFromPrompt } from '../core/launch/promptText';
import { describeSource } from '../core/domain/taskSource';
import { planBatchReview, reviewEdit, reviewEditWithMetadata } from '../host/results/batchReview';
import { fileTask, selectionTask, snapshotSelection } from '../host/results/taskSources';
import type { ProviderRegistry } from '../host/providers/providerRegistry';
import type { ResultsHostMessage } from '../shared/resultsProtocol';
import type { ResultsPanels } from '../views/results/resultsPanels';

export interface ModelRef {
  readonly providerId: string;
  readonly model: string;
}

export interface ReviewEntrySnapshot {
  readonly taskId: string;
  readonly path: string;
  /** [startLine, startCharacter, endLine, endCharacter], zero-based. */
  readonly range: readonly [number, number, number, number];
  readonly text: string;
  readonly label: string;
  readonly description: string;
  readonly needsConfirmation: boolean;
}

export interface AiTaskQueueTestHooks {
  /** "Run Prompt on Selection" on the editor's selection, without the input box. */
  submitOnSelection(editor: vscode.TextEditor, prompt: string, model?: ModelRef): string;
  /** "Run Prompt on Files… (Batch)" on these files, without the input box. */
  submitOnFiles(uris: readonly vscode.Uri[], prompt: string, model?: ModelRef): Promise<{ readonly batchId: string; readonly taskIds: readonly string[] }>;
  /** "Compare Models…" without the pickers. */
  submitComparison(prompt: string, models: readonly ModelRef[]): { readonly batchId: string; readonly taskIds: readonly string[] };
  /** The entries "Review and Apply" puts in the Refactor Preview, and what it leaves out. */
  planBatchReview(batchId: string): Promise<{ readonly entries: readonly ReviewEntrySnapshot[]; readonly leftOut: readonly { readonly path: string; readonly reason: string }[] }>;
  /** Applies the entries the preview would have had ticked (by index), as one edit, like its Apply button. */
  applyBatchReview(batchId: string, accepted: readonly number[]): Promise<boolean>;
  /** Every message posted to a results view this session. */
  resultsMessages(): readonly ResultsHostMessage[];
}

export interface TestHookServices {
  readonly engine: TaskEngine;
  readonly providers: ProviderRegistry;
  readonly batches: BatchIndex;
  readonly results: ResultsPanels;
}

export function createTestHooks(s: TestHookServices): AiTaskQueueTestHooks {
  const modelOf = (m?: ModelRef): ModelRef => m ?? s.providers.defaultSelection();
  return {
    submitOnSelection(editor, prompt, model) {
      const { prompt: full, source } = selectionTask(prompt, snapshotSelection(editor));
      return s.engine.submit({ ...modelOf(model), title: `${titleFromPrompt(prompt)} (${describeSource(source)})`, prompt: full, source, instruction: prompt }).id;
    },
    async submitOnFiles(uris, prompt, model) {
      const batchId = randomUUID();
      const taskIds: string[] = [];
      for (const uri of uris) {
        const doc = await vscode.workspace.openTextDocument(uri);
        const { prompt: full, source } = fileTask(prompt, uri, doc.getText(), doc.languageId);
        taskIds.push(s.engine.submit({ ...modelOf(model), title: `${titleFromPrompt(prompt)} — ${source.path}`, prompt: full, source, instruction: prompt, batchId, batchKind: 'files' }).id);
      }
      return { batchId, taskIds };
    },
    submitComparison(prompt, models) {
      const batchId = randomUUID();
      const taskIds = models.map((m) => s.engine.submit({ ...m, title: `${titleFromPrompt(prompt)} — ${m.model}`, prompt, batchId, batchKind: 'models', instruction: prompt }).id);
      return { batchId, taskIds };
    },
    async planBatchReview(batchId) {
      const summary = s.batches.summary(batchId);
      if (!summary) throw new Error(`no batch ${batchId}`);
      const plan = await planBatchReview(summary);
      const { edit, metadata } = reviewEditWithMetadata(plan.entries);
      // The edits read back from the WorkspaceEdit itself: what applyEdit receives.
      const fromEdit = edit.entries().flatMap(([, edits]) => edits);
      if (fromEdit.length !== plan.entries.length) throw new Error(`the WorkspaceEdit holds ${fromEdit.length} edits for ${plan.entries.length} entries`);
      return {
        entries: plan.entries.map((e, i) => {
          const built = fromEdit.find((t) => t.range.isEqual(e.range) && t.newText === e.text);
          if (!built) throw new Error(`entry ${i} (${e.path}) is not in the WorkspaceEdit`);
          return {
            taskId: e.taskId,
            path: e.path,
            range: [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character],
            text: e.text,
            label: e.label,
            description: e.description,
            needsConfirmation: metadata[i]?.needsConfirmation === true,
          };
        }),
        leftOut: plan.leftOut.map((l) => ({ path: l.path, reason: l.reason })),
      };
    },
    async applyBatchReview(batchId, accepted) {
      const summary = s.batches.summary(batchId);
      if (!summary) throw new Error(`no batch ${batchId}`);
      const plan = await planBatchReview(summary);
      return vscode.workspace.applyEdit(reviewEdit(plan.entries.filter((_, i) => accepted.includes(i)), false), { isRefactoring: true });
    },
    resultsMessages: () => s.results.postedMessages(),
  };
}
