// Phrases of the provider clients (src/providers): why a request could not be sent, was not
// followed, or came back in a shape the client cannot read. `provider` is the provider's label
// ("OpenAI"), `url` a base URL without credentials; a server's own words arrive as text arguments.
import type { Phrase, PhraseArg } from '../phrase';
import type { NoArgs } from './commonPhrases';

interface P {
  readonly provider: string;
}
interface U {
  /** A URL as text, or provider.invalidUrl. */
  readonly url: PhraseArg;
}

/** What went wrong on the way to the server, before or while its answer arrived. */
interface TransportPhrases {
  readonly 'provider.cancelled': NoArgs;
  readonly 'provider.connectionLost': U;
  readonly 'provider.connectionLost.code': U & { readonly code: string };
  readonly 'provider.cannotSend': U & { readonly detail: string };
  readonly 'provider.connectRefused': U;
  readonly 'provider.hostNotResolved': U;
  readonly 'provider.connectTimeout': U;
  readonly 'provider.closedEarly': U;
  readonly 'provider.tlsRejected': U & { readonly code: string };
  readonly 'provider.unreachable': U & { readonly detail: string };
  readonly 'provider.unreachable.noDetail': U;
  readonly 'provider.invalidUrl': NoArgs;
}

/** A base URL that cannot work, and redirects that are not followed. */
interface AddressPhrases {
  /** The setting a base URL comes from, quoted; or, when unknown, the base URL itself. */
  readonly 'provider.setting': { readonly setting: string };
  readonly 'provider.setting.unknown': NoArgs;
  readonly 'provider.baseUrl.invalid': P & { readonly problem: Phrase; readonly setting: Phrase };
  readonly 'provider.baseUrl.empty': NoArgs;
  readonly 'provider.baseUrl.notUrl': NoArgs;
  readonly 'provider.baseUrl.scheme': { readonly scheme: string };
  readonly 'provider.baseUrl.credentials': P & { readonly setting: Phrase };
  readonly 'provider.redirect.invalidTarget': P & { readonly status: number };
  readonly 'provider.redirect.credentials': P;
  readonly 'provider.redirect.seeOther': P & { readonly setting: Phrase };
  readonly 'provider.redirect.loop': P & U & { readonly setting: Phrase };
  readonly 'provider.redirect.tooMany': P & { readonly max: number; readonly setting: Phrase };
  /** A redirect to another origin, refused; `from` is the configured origin. */
  readonly 'provider.redirect.crossOrigin': P & { readonly to: string; readonly from: string };
  readonly 'provider.redirect.crossOrigin.keyed': P & { readonly to: string; readonly from: string };
  readonly 'provider.redirect.schemeChanged': { readonly refused: Phrase; readonly fromScheme: string; readonly toScheme: string; readonly setting: Phrase; readonly url: PhraseArg };
  readonly 'provider.redirect.moved': { readonly refused: Phrase; readonly setting: Phrase };
}

/** Answers the client cannot use, and the server's own errors. */
interface AnswerPhrases {
  /** `detail` is the server's message, its status text, or provider.noDetails. */
  readonly 'provider.http': P & { readonly status: number; readonly detail: PhraseArg };
  readonly 'provider.noDetails': NoArgs;
  readonly 'provider.midStream': P & { readonly detail: PhraseArg };
  /** A server's own error for one request of a batch. */
  readonly 'provider.vendorSaid': P & { readonly detail: PhraseArg };
  readonly 'provider.missingKey': P;
  readonly 'provider.keyUnreadable': P;
  readonly 'provider.notJson': NoArgs;
  readonly 'provider.emptyResponse': P;
  readonly 'provider.webPageNotStream': P;
  readonly 'provider.notChatCompletion': P;
  readonly 'provider.tokenCountWithoutInput': P;
  readonly 'provider.models.notOpenAi': NoArgs;
  readonly 'provider.models.notAnthropic': NoArgs;
  readonly 'provider.models.notOllama': NoArgs;
  readonly 'provider.stream.badJson': NoArgs;
  readonly 'provider.stream.lineTooLong': NoArgs;
  readonly 'provider.stream.eventTooLong': NoArgs;
  readonly 'provider.stream.malformedEvent': P;
  readonly 'provider.stream.malformedLine': P;
  readonly 'provider.stream.notChunk': P;
  readonly 'provider.stream.cutOpenAi': P;
  readonly 'provider.stream.cutAnthropic': P;
  readonly 'provider.stream.cutOllama': P;
  readonly 'provider.batch.notBatchObject': P;
  readonly 'provider.batch.notMessageBatch': P;
  readonly 'provider.batch.listWithoutData': P;
  readonly 'provider.batch.fileNotNamed': P;
  readonly 'provider.batch.resultNotCompletion': P;
  readonly 'provider.batch.unknownResultType': P & { readonly type: string };
  readonly 'provider.batch.requestFailed': NoArgs;
  /** Why a whole provider batch failed, when the provider says no more than its status. */
  readonly 'provider.batch.inputInvalid': NoArgs;
  readonly 'provider.batch.failedWhole': NoArgs;
  /** A line error the provider gave no message for. */
  readonly 'provider.batch.lineInvalid': NoArgs;
}

/** VS Code's own language models (src/host/providers/vscodeLmProvider.ts): the adapter's reasons, stored like any provider's. */
interface VsCodeLmPhrases {
  readonly 'provider.vscodeLm.notAllowed': { readonly model: string };
  readonly 'provider.vscodeLm.noSuchModel': { readonly model: string };
  readonly 'provider.vscodeLm.noModels': NoArgs;
  readonly 'provider.vscodeLm.aborted': NoArgs;
}

export interface ProviderPhrases extends TransportPhrases, AddressPhrases, AnswerPhrases, VsCodeLmPhrases {}
