// Adapter for VS Code's own Language Model API (vscode.lm). It lives in the host layer, not with
// the plain-Node HTTP clients in src/providers, because it needs `vscode`. The API reports no token usage, so usage is estimated with
// the model's own countTokens and always flagged `estimated`.
import * as vscode from 'vscode';
import { ProviderError, type ChatProvider, type ChatRequest, type ModelInfo, type StreamPart } from '../../core/domain/chatProvider';
import { VSCODE_LM_PROVIDER_ID } from '../../shared/ids';
// This adapter's own reasons are phrases like a provider client's; VS Code's error text is shown as it came.
import { phrase, verbatim } from '../../core/domain/phrase';

export { VSCODE_LM_PROVIDER_ID };

/** LanguageModelError codes mapped to the HTTP status whose failure class matches. */
const ERROR_STATUS: Readonly<Record<string, number>> = {
  NotFound: 404,
  NoPermissions: 403,
  Blocked: 429,
};

export class VscodeLmProvider implements ChatProvider {
  readonly id = VSCODE_LM_PROVIDER_ID;
  readonly label = vscode.l10n.t('VS Code Language Models');
  readonly local = false;
  // Models here are billed (if at all) through the user's subscription, not per token.
  readonly unpriced = true;

  constructor(private readonly access: vscode.LanguageModelAccessInformation | undefined) {}

  async listModels(): Promise<readonly ModelInfo[]> {
    const models = await vscode.lm.selectChatModels();
    return models.map((m) => ({ id: m.id, label: `${m.name} (${m.vendor})` }));
  }

  async *streamChat(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
    const model = await this.findModel(request.model);
    if (this.access?.canSendRequest(model) === false) {
      throw new ProviderError(phrase('provider.vscodeLm.notAllowed', { model: model.name }), {
        kind: 'http',
        providerId: this.id,
        status: 403,
      });
    }
    // The LM API has no system role: instructions go first in the user message.
    const text = request.systemPrompt ? `${request.systemPrompt}\n\n${request.prompt}` : request.prompt;
    const messages = [vscode.LanguageModelChatMessage.User(text)];
    const cancellation = new vscode.CancellationTokenSource();
    const onAbort = (): void => cancellation.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    let output = '';
    try {
      const inputTokens = await model.countTokens(text, cancellation.token);
      const response = await model.sendRequest(messages, { justification: vscode.l10n.t('AI Task Queue runs the prompt you queued.') }, cancellation.token);
      for await (const fragment of response.text) {
        if (signal.aborted) break;
        output += fragment;
        yield { type: 'text', text: fragment };
      }
      if (signal.aborted) throw aborted(this.id);
      const outputTokens = output ? await model.countTokens(output) : 0;
      yield { type: 'usage', usage: { inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: true } };
      yield { type: 'finish', reason: 'stop' };
    } catch (error) {
      if (signal.aborted) throw aborted(this.id);
      throw toProviderError(error, this.id);
    } finally {
      signal.removeEventListener('abort', onAbort);
      cancellation.dispose();
    }
  }

  /** The model's own tokenizer, through the LM API (no request is sent to the model). */
  async countInputTokens(request: ChatRequest, signal: AbortSignal): Promise<number> {
    const model = await this.findModel(request.model);
    const cancellation = new vscode.CancellationTokenSource();
    const onAbort = (): void => cancellation.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await model.countTokens(request.systemPrompt ? `${request.systemPrompt}\n\n${request.prompt}` : request.prompt, cancellation.token);
    } finally {
      signal.removeEventListener('abort', onAbort);
      cancellation.dispose();
    }
  }

  private async findModel(id: string): Promise<vscode.LanguageModelChat> {
    const [model] = await vscode.lm.selectChatModels(id ? { id } : undefined);
    if (!model) {
      throw new ProviderError(id ? phrase('provider.vscodeLm.noSuchModel', { model: id }) : phrase('provider.vscodeLm.noModels', {}), { kind: 'http', providerId: this.id, status: 404 });
    }
    return model;
  }
}

function aborted(providerId: string): ProviderError {
  return new ProviderError(phrase('provider.vscodeLm.aborted', {}), { kind: 'aborted', providerId });
}

function toProviderError(error: unknown, providerId: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof vscode.LanguageModelError) {
    const status = ERROR_STATUS[error.code];
    return new ProviderError(verbatim(error.message || error.code), {
      kind: status ? 'http' : 'stream',
      providerId,
      vendorCode: error.code,
      ...(status !== undefined && { status }),
    });
  }
  return new ProviderError(verbatim(error instanceof Error ? error.message : String(error)), { kind: 'stream', providerId });
}
