// The tree's "Provider Batches" group: every provider batch job still running, and those that ended
// in the last day, each with the provider's status and counts ("in progress · 8,112 / 10,000 done"),
// its provider batches below it when it was split, and inline Cancel / Retry Failed. The job's tasks
// belong to the batch or comparison it was launched from: a click opens that batch's results view,
// and its results actions (Show Results, Review and Apply) are on the job's row too.
import * as vscode from 'vscode';
import { isJobActive, type BatchJob, type BatchPart } from '../../core/batches/batchJob';
import { jobSummaryText, partStateText, summarizeJob } from '../../core/batches/batchJobText';
import type { ProviderBatches } from '../../core/batches/providerBatches';
import type { TaskEngine } from '../../core/engine/taskEngine';
import { CommandId } from '../../shared/ids';
import { formatUsd } from '../../shared/formatUsd';
import { formatTimestamp } from '../format/timestampText';
import { phraseText } from '../format/phraseText';

/** Ended jobs stay in the group this long. */
const SHOW_ENDED_MS = 24 * 60 * 60 * 1000;

export type ProviderBatchNode =
  | { readonly kind: 'providerBatches' }
  /** `batchId`: the batch or comparison the job's tasks belong to, which the batch commands take. */
  | { readonly kind: 'providerBatchJob'; readonly jobId: string; readonly batchId?: string }
  | { readonly kind: 'providerBatchPart'; readonly jobId: string; readonly part: number };

/** One job as the tree shows it, for tests. */
export interface ProviderBatchRowSnapshot {
  readonly jobId: string;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
  readonly parts: readonly string[];
}

export class ProviderBatchSection {
  readonly root: ProviderBatchNode = { kind: 'providerBatches' };
  private readonly jobNodes = new Map<string, ProviderBatchNode>();

  constructor(
    private readonly batches: ProviderBatches,
    private readonly engine: TaskEngine,
    private readonly now: () => number = Date.now,
  ) {}

  onDidChange(listener: () => void): () => void {
    return this.batches.onDidChange(listener);
  }

  /** The jobs the group lists, newest first. */
  jobs(): BatchJob[] {
    const now = this.now();
    return this.batches.list().filter((job) => isJobActive(job) || now - (job.endedAt ?? job.createdAt) < SHOW_ENDED_MS);
  }

  children(node: ProviderBatchNode): ProviderBatchNode[] {
    if (node.kind === 'providerBatches') return this.jobs().map((job) => this.jobNode(job));
    if (node.kind === 'providerBatchJob') {
      const job = this.batches.get(node.jobId);
      return job && job.parts.length > 1 ? job.parts.map((p) => ({ kind: 'providerBatchPart', jobId: job.id, part: p.index })) : [];
    }
    return [];
  }

  parent(node: ProviderBatchNode): ProviderBatchNode | undefined {
    if (node.kind === 'providerBatchJob') return this.root;
    if (node.kind === 'providerBatchPart') {
      const job = this.batches.get(node.jobId);
      return job && this.jobNode(job);
    }
    return undefined;
  }

  item(node: ProviderBatchNode): vscode.TreeItem {
    if (node.kind === 'providerBatches') {
      const jobs = this.jobs();
      const active = jobs.filter(isJobActive).length;
      const item = new vscode.TreeItem(vscode.l10n.t('Provider Batches ({0})', active > 0 ? vscode.l10n.t('{0} running', active) : jobs.length), vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'group:providerBatches';
      item.contextValue = 'group.providerBatches';
      item.iconPath = new vscode.ThemeIcon('cloud');
      return item;
    }
    const job = this.batches.get(node.jobId);
    if (!job) return new vscode.TreeItem(vscode.l10n.t('(removed)'));
    return node.kind === 'providerBatchJob' ? this.jobItem(job) : this.partItem(job, job.parts[node.part]!);
  }

  snapshot(): ProviderBatchRowSnapshot[] {
    return this.jobs().map((job) => {
      const item = this.jobItem(job);
      return { jobId: job.id, label: String(item.label), description: String(item.description ?? ''), contextValue: item.contextValue ?? '', parts: job.parts.map((p) => String(this.partItem(job, p).description ?? '')) };
    });
  }

  private jobItem(job: BatchJob): vscode.TreeItem {
    const summary = summarizeJob(job);
    const label = this.batches.label(job.providerId) ?? job.providerId;
    const tasks = this.batches.taskIds(job.id).flatMap((id) => this.engine.get(id) ?? []);
    const failed = tasks.filter((t) => t.status === 'failed').length;
    const item = new vscode.TreeItem(job.title, job.parts.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `providerBatch:${job.id}`;
    item.description = `${label} · ${phraseText(jobSummaryText(summary))}${failed > 0 ? vscode.l10n.t(' · {0} failed', failed.toLocaleString('en-US')) : ''}`;
    // As on a batch node: Review and Apply once a file of the batch has an answer.
    const reviewable = job.batchId !== undefined && tasks.some((t) => t.status === 'completed' && t.batchKind === 'files');
    item.contextValue = `providerBatch.${summary.active ? 'active' : 'ended'}${failed > 0 ? '.retryable' : ''}${job.batchId !== undefined ? '.results' : ''}${reviewable ? '.reviewable' : ''}`;
    item.iconPath = summary.active ? new vscode.ThemeIcon('sync~spin') : failed > 0 ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    item.tooltip = this.tooltip(job, label, tasks);
    if (job.batchId !== undefined) item.command = { command: CommandId.showBatchResults, title: vscode.l10n.t('Show Batch Results'), arguments: [job.batchId] };
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, provider batch at {1}, {2}', job.title, label, phraseText(summary.phase)) };
    return item;
  }

  private partItem(job: BatchJob, part: BatchPart): vscode.TreeItem {
    const item = new vscode.TreeItem(part.providerBatchId ?? vscode.l10n.t('provider batch {0}', part.index + 1), vscode.TreeItemCollapsibleState.None);
    item.id = `providerBatch:${job.id}:${part.index}`;
    item.description = phraseText(partStateText(job, part));
    item.contextValue = 'providerBatchPart';
    item.iconPath = new vscode.ThemeIcon('package');
    return item;
  }

  private tooltip(job: BatchJob, label: string, tasks: readonly { readonly status: string; readonly costUsd?: number | null }[]): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.supportHtml = false;
    const spent = tasks.reduce((sum, t) => sum + (typeof t.costUsd === 'number' ? t.costUsd : 0), 0);
    md.appendMarkdown(vscode.l10n.t('**Provider batch at {0}** — {1} request(s), submitted {2}\n\n', label, job.requests.toLocaleString('en-US'), formatTimestamp(job.createdAt)));
    for (const part of job.parts) {
      const state = part.status;
      const expires = state?.expiresAt !== undefined && isJobActive(job) ? vscode.l10n.t('; expires {0}', formatTimestamp(state.expiresAt)) : '';
      const text = phraseText(partStateText(job, part));
      // The provider's own word, when it says more than ours ("canceling", "completed" ≠ "ended"): compared as codes, in any language.
      const ours = part.state === 'submitted' ? state?.phase : part.state === 'ended' || part.state === 'ingested' ? 'ended' : part.state;
      const own = state && state.providerStatus !== ours ? ` (${state.providerStatus})` : '';
      md.appendMarkdown(`- \`${part.providerBatchId ?? vscode.l10n.t('not submitted yet')}\`: ${text}${own}${expires}\n`);
    }
    md.appendMarkdown(vscode.l10n.t("\nBilled at {0}'s batch prices (50 % off): {1} so far. Results within 24 h, usually sooner; checked at most once a minute.", label, formatUsd(spent)));
    if (job.cancelRequested) md.appendMarkdown(vscode.l10n.t('\n\nCancel requested: requests already done keep their results.'));
    return md;
  }

  private jobNode(job: BatchJob): ProviderBatchNode {
    let node = this.jobNodes.get(job.id);
    if (!node) this.jobNodes.set(job.id, (node = { kind: 'providerBatchJob', jobId: job.id, ...(job.batchId !== undefined && { batchId: job.batchId }) }));
    return node;
  }
}
