// Sentences for src/core/domain/phrases/reportPhrases.ts. The export's lines keep their Markdown
// around the words, so a translation keeps the document's shape.
import * as l10n from '@vscode/l10n';
import type { ExportPhrases, ReportPhrases } from '../../../core/domain/phrases/reportPhrases';
import type { Sentences } from '../phraseText';

export const REPORT_SENTENCES: Sentences<ReportPhrases> = {
  'report.nextStep.lowerLimits': () => l10n.t('Lower the provider\'s limits in "aiTaskQueue.providerLimits" and retry, or run "AI Tasks: Retry with Another Model…".'),
  'report.nextStep.retryLater': () => l10n.t('Retry later, or run "AI Tasks: Retry with Another Model…" to use a provider that is up.'),
  'report.nextStep.addCredit': () => l10n.t('Add credit or raise the quota with the provider, or run "AI Tasks: Retry with Another Model…".'),
  'report.nextStep.shortenPrompt': () => l10n.t('Shorten the prompt, or run "AI Tasks: Retry with Another Model…" with a larger context window.'),
  'report.nextStep.checkModel': () => l10n.t('Check the model id in the settings, or run "AI Tasks: Retry with Another Model…".'),
  'report.filter.needsValue': (a) => l10n.t('"{0}:" needs a value, e.g. {0}:{1}', a.key, a.example),
  'report.filter.unknownStatus': (a) => l10n.t('Unknown status "{0}"; use {1}.', a.value, a.statuses),
};

export const EXPORT_SENTENCES: Sentences<ExportPhrases> = {
  'export.md.title': () => l10n.t('# AI Task Queue export'),
  'export.md.exported': (a) => l10n.t('Exported {0} · {1} task(s)', a.at, a.count),
  'export.md.tableHeader': () => l10n.t('| # | Title | Status | Provider · model | Duration | Tokens | Cost |'),
  'export.md.status': (a) => l10n.t('- **Status:** {0}', a.status),
  'export.md.statusWithError': (a) => l10n.t('- **Status:** {0} — {1}', a.status, a.message),
  'export.md.provider': (a) => l10n.t('- **Provider / model:** {0} · {1} · {2} priority', a.provider, a.model, a.priority),
  'export.md.created': (a) => l10n.t('- **Created:** {0} · **Attempts:** {1}', a.created, a.attempts),
  'export.md.createdFinished': (a) => l10n.t('- **Created:** {0} · **Finished:** {1} · **Attempts:** {2}', a.created, a.finished, a.attempts),
  'export.md.tokens': (a, text) => l10n.t('- **Tokens:** {0} in · {1} out · **Cost:** {2}', a.input, a.output, text(a.cost)),
  'export.md.tokensEstimated': (a, text) => l10n.t('- **Tokens:** {0} in · {1} out (estimated) · **Cost:** {2}', a.input, a.output, text(a.cost)),
  'export.md.costUnknown': () => l10n.t('unknown'),
  'export.md.costNone': () => l10n.t('n/a'),
  'export.md.batch': (a) => l10n.t('- **Batch:** {0}', a.batchId),
  'export.md.promptFile': (a) => l10n.t('- **Prompt file:** {0} (version {1})', a.path, a.version),
  'export.md.score': (a) => l10n.t('- **Score:** {0} % ({1} of {2} checks){3}', a.percent, a.passed, a.total, a.failed),
  'export.md.failedCheck': (a) => l10n.t('; failed: {0} — {1}', a.check, a.reason),
  'export.md.rating': (a, text) => l10n.t('- **Rating:** {0}', text(a.rating)),
  'export.md.ratingGood': () => l10n.t('good'),
  'export.md.ratingBad': () => l10n.t('bad'),
  'export.md.id': (a) => l10n.t('- **Id:** {0}', a.id),
  'export.md.systemPrompt': () => l10n.t('### System prompt'),
  'export.md.prompt': () => l10n.t('### Prompt'),
  'export.md.output': () => l10n.t('### Output'),
  'export.md.noOutput': () => l10n.t('_(no output)_'),
  'export.md.step': (a) => l10n.t('### Step: {0} — {1}', a.name, a.status),
  'export.md.stepReused': (a) => l10n.t('### Step: {0} — {1} (reused)', a.name, a.status),
  'export.md.log': () => l10n.t('### Log'),
};
