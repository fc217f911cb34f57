// Every phrase src/core and the provider clients can produce, by concern. Each concern declares
// its ids and their arguments in its own file here; the adapters give each id its sentence in
// src/views/format/sentences/, and the compiler refuses an id without one.
import type { PhraseArg } from '../phrase';
import type { CommonPhrases } from './commonPhrases';
import type { PromptFilePhrases } from './promptFilePhrases';
import type { BatchPhrases } from './batchPhrases';
import type { QualityPhrases } from './qualityPhrases';
import type { ResultPhrases } from './resultPhrases';
import type { ExportPhrases, ReportPhrases } from './reportPhrases';
import type { FailurePhrases } from './failurePhrases';
import type { ProviderPhrases } from './providerPhrases';
import type { TaskLogPhrases } from './taskLogPhrases';
import type { UsagePhrases } from './usagePhrases';
import type { WaitingPhrases } from './waitingPhrases';

/** The arguments of one phrase, by name; values are shown as they are or, if phrases, in words. */
export type PhraseArgs = Readonly<Record<string, PhraseArg>>;

/** Every concern's phrases; a concern adds its interface here with `&`. */
export type PhraseCatalog = CommonPhrases
  & FailurePhrases
  & WaitingPhrases
  & TaskLogPhrases
  & ProviderPhrases
  & UsagePhrases
  & QualityPhrases
  & PromptFilePhrases
  & ResultPhrases
  & BatchPhrases
  & ReportPhrases
  & ExportPhrases;
