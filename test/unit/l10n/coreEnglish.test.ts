// src/core and the provider clients write no English a person reads: they hand the adapters a
// phrase (an id and its arguments, src/core/domain/phrase.ts) and the adapters write it through
// l10n (src/views/format/phraseText.ts). The same scan as the adapters' (test/unit/helpers/
// hostStrings.ts) runs over these folders; here no l10n.t call is expected at all, so every literal
// that reads like words is either in the reviewed allow-list below, with why, or a failure.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { englishLiterals, sourceFilesUnder, type HostLiteral } from '../helpers/hostStrings';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * The plain-Node folders checked. src/core/batches, reports, quality, promptFiles, results and
 * launch join this list once their text is phrases too.
 */
export const CORE_ROOTS: readonly string[] = ['src/core/domain', 'src/core/engine', 'src/core/limits', 'src/core/history', 'src/core/usage', 'src/core/cache', 'src/providers', 'src/shared'];

/**
 * Literals that read like words but are not language a translator should touch, each with why.
 * Keyed by file, then the literal's text as the scan shows it (a template's holes as `${…}`).
 */
const NOT_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
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
};

function scan(): HostLiteral[] {
  return sourceFilesUnder(ROOT, CORE_ROOTS).flatMap((p) => englishLiterals(path.relative(ROOT, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8')));
}

const allowed = (l: HostLiteral): boolean => NOT_LANGUAGE[l.file]?.includes(l.text) ?? false;

describe('Core localization: src/core and the provider clients hand over phrases, not English', () => {
  const found = scan();

  it('flags an English sentence in a core-style file, and lets phrase ids, codes, types and log lines pass', () => {
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
      "type Kind = 'network error';",
    ].join('\n');
    assert.deepEqual(englishLiterals('sample.ts', sample).map((l) => l.text), ['${…} sent an empty response.', 'retrying in ${…}s', 'Timed out']);
  });

  it('has no English literal in these folders apart from the reviewed allow-list', () => {
    const left = found.filter((l) => !allowed(l));
    assert.deepEqual(left.map((l) => `${l.file}:${l.line}: ${JSON.stringify(l.text)}`), []);
  });

  it('keeps no allow-list entry that matches nothing', () => {
    const stale = Object.entries(NOT_LANGUAGE).flatMap(([file, texts]) => texts.filter((t) => !found.some((l) => l.file === file && l.text === t)).map((t) => `${file}: ${t}`));
    assert.deepEqual(stale, []);
  });

  it('checks every folder it names', () => {
    for (const r of CORE_ROOTS) assert.ok(fs.existsSync(path.join(ROOT, r)), `${r} does not exist`);
    assert.ok(sourceFilesUnder(ROOT, CORE_ROOTS).length > 100, 'the scan found almost no files');
  });
});
