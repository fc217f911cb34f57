// src/core and the provider clients write no English a person reads: they hand the adapters a
// phrase (an id and its arguments, src/core/domain/phrase.ts) and the adapters write it through
// l10n (src/views/format/phraseText.ts). The same scan as the adapters' (test/unit/helpers/
// hostStrings.ts) runs over these folders; here no l10n.t call is expected at all, so every literal
// that reads like words is either in the reviewed allow-list below, with why, or a failure.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { englishLiterals, sourceFilesUnder, staleEntries, unexcused, type AllowList, type HostLiteral } from '../helpers/hostStrings';

const ROOT = path.resolve(__dirname, '../../../..');

/** The plain-Node folders checked: all of src/core, the provider clients, and what both sides of the webview share. */
export const CORE_ROOTS: readonly string[] = ['src/core', 'src/providers', 'src/shared'];

/**
 * Literals that read like words but are not language a translator should touch, each with why.
 * Keyed by file, then the literal's text as the scan shows it (a template's holes as `${…}`).
 */
const NOT_LANGUAGE: AllowList = {
  // The engine's diagnostics: a listener that threw, an event the contract refused. They reach only
  // the output channel (TaskEngineOptions.onDiagnostic, which activate() points at the log).
  'src/core/engine/engineEventBus.ts': ['listener failed on ${…} of ${…}: ${…}', 'refused ${…} for ${…}: ${…}'],
  // Why an event broke the ordered-event contract, handed to onRejected above: a bug report, not UI.
  'src/core/engine/taskEventBus.ts': [
    '"${…}" before "queued"',
    'duplicate completion dropped',
    '"${…}" after the terminal event',
    'queued twice',
    'started twice',
    '"${…}" before "started"',
    'completed before started',
    'completed without usage (usage must come first)',
  ],
  // The summary line of a history load, for the output channel only (TaskHistoryOptions.log).
  'src/core/history/taskHistory.ts': [', ${…} waiting at their provider', 'history: ${…} queued again, ${…} interrupted, ${…} finished, ${…} expired${…}'],
  // Product names and a model id, the same in every language.
  'src/providers/anthropic/anthropicBatchClient.ts': ['Anthropic'],
  'src/providers/anthropic/anthropicProvider.ts': ['Anthropic'],
  'src/providers/ollama/ollamaProvider.ts': ['Ollama', 'application/x-ndjson, application/json', 'Bearer ${…}'],
  'src/providers/presets/providerPresets.ts': [
    'Anthropic',
    'Ollama',
    'Qwen/Qwen2.5-7B-Instruct',
    // The generic preset's English name, for the clients built without the host (tests, benchmarks);
    // every name a person reads comes from presetLabel() in src/host/providers, through l10n.
    'OpenAI-compatible server',
  ],
  // HTTP header values (the Accept list above, an Authorization scheme): protocol, not prose.
  'src/providers/openai/openAiBatchClient.ts': ['Bearer ${…}'],
  'src/providers/openai/openaiCompatibleProvider.ts': ['Bearer ${…}'],
  // A programmer's error: the preset table is a constant, so no user path reaches this throw.
  'src/providers/openai/openAiProvider.ts': ['the openai preset is missing from PROVIDER_PRESETS'],
  // The prompt a workflow sends, in the syntax of the prompt file it came from (the parser's own
  // "## Step:" heading): what the model reads, not the window. A prompt that changed with the
  // window's language would change the answers and miss the answer cache.
  'src/core/promptFiles/expandPromptFile.ts': [
    '## Step: ${…}\n\n${…}',
    // The heading of the file or selection attached to the prompt, as Run Prompt on File writes it (src/host/results/taskSources.ts): for the model, as above.
    'File',
    'Selection from',
  ],
  // A Markdown fence's info string ("text"), not a word.
  'src/core/reports/exportMarkdown.ts': ['${…}text\n${…}\n${…}'],
  // A programmer error (edits computed by core/results never overlap); no user path shows it.
  'src/core/results/lineHunks.ts': ['applyTextEdits: overlapping edits'],
};

function scan(): HostLiteral[] {
  return sourceFilesUnder(ROOT, CORE_ROOTS).flatMap((p) => englishLiterals(path.relative(ROOT, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8')));
}


describe('Core localization: src/core and the provider clients hand over phrases, not English', () => {
  const found = scan();

  it('flags an English sentence in a core-style file, and lets phrase ids, codes, types and log lines pass', () => {
    // The batches' own loggers (deps.log, options.log?.) are log lines too.
    // Guards the scan for these folders: were it to flag nothing, the test below would prove nothing.
    const sample = [
      "import { phrase } from '../domain/phrase';",
      "throw new ProviderError(`${label} sent an empty response.`, { kind: 'protocol', providerId });",
      "task.statusDetail = `retrying in ${seconds}s`;",
      "return failure('TIMEOUT', 'Timed out');",
      "return phrase('waiting.rate', { provider: label, seconds: 3 });",
      "const reason = phrase('failure.cancelled.byUser', {});",
      "if (failure.code === 'RATE_LIMITED') retry();",
      "log.warn(`job ${id}: could not submit`);",
      "this.deps.log('warn', `job ${id}: submitting part ${n} failed`);",
      "this.options.log?.('info', `job ${id}: cancel requested`);",
      "const line = `${done} / ${total} done`;",
      "type Kind = 'network error';",
    ].join('\n');
    assert.deepEqual(englishLiterals('sample.ts', sample).map((l) => l.text), ['${…} sent an empty response.', 'retrying in ${…}s', 'Timed out', '${…} / ${…} done']);
  });

  it('has no English literal in these folders apart from the reviewed allow-list', () => {
    assert.deepEqual(unexcused(found, NOT_LANGUAGE), []);
  });

  it('keeps no allow-list entry that matches nothing', () => {
    assert.deepEqual(staleEntries(found, NOT_LANGUAGE), []);
  });

  it('checks every folder it names', () => {
    for (const r of CORE_ROOTS) assert.ok(fs.existsSync(path.join(ROOT, r)), `${r} does not exist`);
    assert.ok(sourceFilesUnder(ROOT, CORE_ROOTS).length > 150, 'the scan found almost no files');
  });
});
