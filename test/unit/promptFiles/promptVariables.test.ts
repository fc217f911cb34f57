import { strict as assert } from 'node:assert';
import { expandPromptFile } from '../../../src/core/promptFiles/expandPromptFile';
import { parsePromptFile } from '../../../src/core/promptFiles/promptFileParser';
import { PromptFileError } from '../../../src/core/promptFiles/promptFileProblem';
import { phraseText } from '../../../src/views/format/phraseText';
import { promptInputs, type PromptContext } from '../../../src/core/promptFiles/promptVariables';
import { stepPrompt, type WorkflowStep } from '../../../src/core/domain/workflowStep';

const parse = (source: string) => parsePromptFile(source, 'p.prompt.md');

function refused(run: () => unknown): { line: number; message: string }[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof PromptFileError, String(error));
    // In the English the Problems view and the notification show.
    return error.problems.map((p) => ({ line: p.line, message: phraseText(p.message) }));
  }
  assert.fail('expected a refusal');
}

describe('prompt file variables', () => {
  const ctx: PromptContext = {
    selection: 'let x = 1;',
    file: { path: '/ws/src/app.test.ts', content: { text: 'FILE TEXT' } },
    workspaceFolder: '/ws',
    inputs: { audience: 'juniors' },
  };

  it('expands every VS Code variable and ${fileContent}', () => {
    const file = parse('${selection}|${selectedText}|${file}|${fileBasename}|${fileDirname}|${fileBasenameNoExtension}|${workspaceFolder}|${workspaceFolderBasename}|${input:audience}|${fileContent}');
    const run = expandPromptFile(file, ctx, 'p.prompt.md');
    assert.equal(run.prompt, 'let x = 1;|let x = 1;|/ws/src/app.test.ts|app.test.ts|/ws/src|app.test|/ws|ws|juniors|FILE TEXT');
  });

  it('leaves unknown ${…} alone (a template literal in a code sample) and never expands a value again', () => {
    const file = parse('Fix `${count}` in ${selection}');
    const run = expandPromptFile(file, { ...ctx, selection: 'a ${input:audience} b' }, 'p.prompt.md');
    assert.equal(run.prompt, 'Fix `${count}` in a ${input:audience} b');
  });

  it('asks for each input once, in order, with the first placeholder given', () => {
    const file = parse('${input:topic} ${input:audience:who reads it} ${input:topic:ignored}\n## Step: a\n${input:tone}');
    assert.deepEqual(promptInputs(file), [{ name: 'topic', placeholder: 'ignored' }, { name: 'audience', placeholder: 'who reads it' }, { name: 'tone' }]);
  });

  it('a missing input, a missing selection and a missing file are each named with their line', () => {
    const file = parse('Line one ${input:audience}\n${input:tone}\n${selection}\n${fileBasename}');
    const problems = refused(() => expandPromptFile(file, { inputs: { audience: 'x' } }, 'p.prompt.md'));
    assert.deepEqual(problems.map((p) => p.line), [2, 3, 4]);
    assert.match(problems[0]!.message, /no value was given for \$\{input:tone\}/);
    assert.match(problems[1]!.message, /needs a selection/);
    assert.match(problems[2]!.message, /needs a file/);
  });

  it('a file that cannot be read is named with the reason, where ${fileContent} is used', () => {
    const file = parse('---\nname: x\n---\nReview:\n${fileContent}');
    const problems = refused(() => expandPromptFile(file, { file: { path: '/ws/big.bin', content: { error: 'looks binary' } }, inputs: {} }, 'p.prompt.md'));
    assert.deepEqual(problems, [{ line: 5, message: '${fileContent}: /ws/big.bin could not be read (looks binary)' }]);
  });

  it('attaches the target when the prompt does not place it, fenced longer than its backticks', () => {
    const file = parse('Review this file.');
    const run = expandPromptFile(file, { inputs: {} }, 'p.prompt.md', { kind: 'file', label: 'src/a.md', text: 'has ``` inside', languageId: 'markdown' });
    assert.equal(run.prompt, 'Review this file.\n\nFile: src/a.md\n\n````markdown\nhas ``` inside\n````');
    assert.deepEqual(run.segments, ['Review this file.\n\nFile: src/a.md\n\n````markdown\n', 'has ``` inside', '\n````']);
    const placed = expandPromptFile(parse('Review ${fileContent}'), { file: { path: '/a', content: { text: 'T' } }, inputs: {} }, 'p.prompt.md', { kind: 'file', label: 'a', text: 'T', languageId: 'x' });
    assert.equal(placed.prompt, 'Review T');
  });

  it('builds workflow steps as parts: the preamble before each step, earlier outputs by reference, nested references not re-expanded', () => {
    const file = parse('Topic: ${input:topic}\n## Step: outline\nOutline it.\n## Step: draft\nDraft from ${step:outline}.\n## Step: edit\nEdit ${step:draft} (outline: ${step:outline}).');
    const run = expandPromptFile(file, { inputs: { topic: 'caching' } }, 'p.prompt.md');
    assert.deepEqual(run.steps, [
      { name: 'outline', parts: [{ text: 'Topic: caching\n\nOutline it.' }] },
      { name: 'draft', parts: [{ text: 'Topic: caching\n\nDraft from ' }, { stepOutput: 0 }, { text: '.' }] },
      { name: 'edit', parts: [{ text: 'Topic: caching\n\nEdit ' }, { stepOutput: 1 }, { text: ' (outline: ' }, { stepOutput: 0 }, { text: ').' }] },
    ]);
    // The draft step's output quotes "${step:outline}" literally: the edit step sends it as it is.
    const steps: WorkflowStep[] = run.steps!.map((s, i) => ({ ...s, status: 'completed', attempts: 1, output: ['O1', 'D says ${step:outline}', ''][i]! }));
    assert.equal(stepPrompt(steps, 2), 'Topic: caching\n\nEdit D says ${step:outline} (outline: O1).');
    assert.match(run.prompt, /^## Step: outline\n\nTopic: caching\n\nOutline it\.\n\n## Step: draft\n\nTopic: caching\n\nDraft from \$\{step:outline\}\./);
  });
});
