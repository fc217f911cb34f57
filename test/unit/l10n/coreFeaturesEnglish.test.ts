// src/core's feature folders (provider batches, reports and exports, quality checks, prompt files,
// results, launch) write no English a person reads: they return phrases (an id and arguments) and
// the adapters write the sentence through l10n (src/views/format/phraseText.ts). The same scan as
// the adapters' (test/unit/helpers/hostStrings.ts) flags every literal that reads like words, so a
// sentence added to one of these folders fails here until it becomes a phrase or is reviewed below.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { englishLiterals, type HostLiteral } from '../helpers/hostStrings';

const ROOT = path.resolve(__dirname, '../../../..');

const FOLDERS = ['batches', 'reports', 'quality', 'promptFiles', 'results', 'launch'].map((f) => `src/core/${f}`);

/**
 * Literals that read like words but are not language a translator should touch, each with why.
 * Keyed by file, then the literal's text as the scan shows it (a template's holes as `${…}`).
 */
const NOT_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
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

function sourceFiles(): string[] {
  return FOLDERS.flatMap((folder) => fs.readdirSync(path.join(ROOT, folder)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort().map((f) => `${folder}/${f}`));
}

function scan(): HostLiteral[] {
  return sourceFiles().flatMap((rel) => englishLiterals(rel, fs.readFileSync(path.join(ROOT, rel), 'utf8')));
}

const allowed = (l: HostLiteral): boolean => NOT_LANGUAGE[l.file]?.includes(l.text) ?? false;

describe('Core localization: the feature folders of src/core return phrases, not English', () => {
  const found = scan();

  it('scans every folder it names, and flags a sentence there while letting phrases, log lines and types pass', () => {
    assert.ok(sourceFiles().length >= 35, `only ${sourceFiles().length} files scanned`);
    const sample = [
      "import { phrase } from '../domain/phrase';",
      "const reason = 'the selected text is no longer in the document';",
      "const line = `${done} / ${total} done`;",
      "const p = phrase('result.selection.gone', {});",
      "this.deps.log('warn', `job ${id}: submitting part ${n} failed`);",
      "this.options.log?.('info', `job ${id}: cancel requested`);",
      "type Phase = 'in progress';",
    ].join('\n');
    assert.deepEqual(englishLiterals('sample.ts', sample).map((l) => l.text), ['the selected text is no longer in the document', '${…} / ${…} done']);
  });

  it('has no English literal in src/core/{batches,reports,quality,promptFiles,results,launch} apart from the reviewed allow-list', () => {
    const left = found.filter((l) => !allowed(l));
    assert.deepEqual(left.map((l) => `${l.file}:${l.line}: ${JSON.stringify(l.text)}`), []);
  });

  it('keeps no allow-list entry that matches nothing', () => {
    const stale = Object.entries(NOT_LANGUAGE).flatMap(([file, texts]) => texts.filter((t) => !found.some((l) => l.file === file && l.text === t)).map((t) => `${file}: ${t}`));
    assert.deepEqual(stale, []);
  });
});
