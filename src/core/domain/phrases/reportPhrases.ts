// What core/reports says: the next step for a failed task, a filter query it cannot read, and the
// lines of the Markdown export (which core builds around words the adapter writes for it).
import type { Phrase } from '../phrase';

type None = Record<string, never>;

export interface ReportPhrases {
  readonly 'report.nextStep.lowerLimits': None;
  readonly 'report.nextStep.retryLater': None;
  readonly 'report.nextStep.addCredit': None;
  readonly 'report.nextStep.shortenPrompt': None;
  readonly 'report.nextStep.checkModel': None;
  /** `key` is a filter key ("status"), `example` a value for it. */
  readonly 'report.filter.needsValue': { readonly key: string; readonly example: string };
  /** `statuses` lists the status ids, which are typed as they are. */
  readonly 'report.filter.unknownStatus': { readonly value: string; readonly statuses: string };
}

/** The Markdown export's lines; arguments arrive already escaped for Markdown. */
export interface ExportPhrases {
  readonly 'export.md.title': None;
  readonly 'export.md.exported': { readonly at: string; readonly count: number };
  readonly 'export.md.tableHeader': None;
  readonly 'export.md.status': { readonly status: string };
  readonly 'export.md.statusWithError': { readonly status: string; readonly message: string };
  readonly 'export.md.provider': { readonly provider: string; readonly model: string; readonly priority: string };
  readonly 'export.md.created': { readonly created: string; readonly attempts: number };
  readonly 'export.md.createdFinished': { readonly created: string; readonly finished: string; readonly attempts: number };
  readonly 'export.md.tokens': { readonly input: number; readonly output: number; readonly cost: Phrase };
  readonly 'export.md.tokensEstimated': { readonly input: number; readonly output: number; readonly cost: Phrase };
  readonly 'export.md.costUnknown': None;
  readonly 'export.md.costNone': None;
  readonly 'export.md.batch': { readonly batchId: string };
  readonly 'export.md.promptFile': { readonly path: string; readonly version: string };
  /** `failed` is the failed checks, each already written as 'export.md.failedCheck'. */
  readonly 'export.md.score': { readonly percent: number; readonly passed: number; readonly total: number; readonly failed: string };
  readonly 'export.md.failedCheck': { readonly check: string; readonly reason: string };
  readonly 'export.md.rating': { readonly rating: Phrase };
  readonly 'export.md.ratingGood': None;
  readonly 'export.md.ratingBad': None;
  readonly 'export.md.id': { readonly id: string };
  readonly 'export.md.systemPrompt': None;
  readonly 'export.md.prompt': None;
  readonly 'export.md.output': None;
  readonly 'export.md.noOutput': None;
  readonly 'export.md.step': { readonly name: string; readonly status: string };
  readonly 'export.md.stepReused': { readonly name: string; readonly status: string };
  readonly 'export.md.log': None;
}
