// "AI Task Queue: "Add a one-line summary…" finished: 113 done, 2 failed, $0.41" with the next
// step as buttons, once each time a batch or comparison goes from running to finished (a Retry
// Failed that finishes announces again). Batches restored finished from history stay quiet.
import * as vscode from 'vscode';
import type { BatchIndex } from '../../core/results/batchIndex';
import type { BatchSummary } from '../../core/results/batchSummary';
import { CommandId } from '../../shared/ids';
import { formatUsd } from '../../shared/formatUsd';

/** The sentence, e.g. `113 done, 2 failed, $0.41`. */
export function batchFinishText(s: BatchSummary): string {
  const parts = [vscode.l10n.t('{0} done', s.done)];
  if (s.failed > 0) parts.push(vscode.l10n.t('{0} failed', s.failed));
  if (s.cancelled > 0) parts.push(vscode.l10n.t('{0} cancelled', s.cancelled));
  parts.push(`${formatUsd(s.costUsd)}${s.costUnknown ? vscode.l10n.t(' + unknown') : ''}`);
  const what = s.kind === 'models' ? vscode.l10n.t('Comparison') : vscode.l10n.t('Batch');
  return vscode.l10n.t('{0} "{1}" finished: {2}', what, s.title, parts.join(', '));
}

export function registerBatchFinishNotice(batches: BatchIndex, onShown?: (text: string) => void): vscode.Disposable {
  const active = new Set(batches.batchIds().filter((id) => batches.summary(id)?.active));
  const off = batches.onChange((batchId) => {
    const s = batches.summary(batchId);
    if (!s) return;
    if (s.active) {
      active.add(batchId);
      return;
    }
    if (!active.delete(batchId)) return;
    const buttons: { title: string; command: string }[] = [];
    if (s.kind === 'files' && s.completed > 0) buttons.push({ title: vscode.l10n.t('Review'), command: CommandId.reviewBatchChanges });
    buttons.push({ title: s.kind === 'models' ? vscode.l10n.t('Side by Side') : vscode.l10n.t('Show Results'), command: CommandId.showBatchResults });
    if (s.failed + s.cancelled > 0) buttons.push({ title: vscode.l10n.t('Retry Failed'), command: CommandId.retryFailedInBatch });
    const text = batchFinishText(s);
    onShown?.(text);
    const show = s.failed > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(vscode.l10n.t('AI Task Queue: {0}', text), ...buttons.map((b) => b.title)).then((picked) => {
      const button = buttons.find((b) => b.title === picked);
      if (button) void vscode.commands.executeCommand(button.command, batchId);
    });
  });
  return { dispose: off };
}
