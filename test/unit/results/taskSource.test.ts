import { strict as assert } from 'node:assert';
import type { Task } from '../../../src/core/domain/taskModel';
import { describeSource, sourceTextFromPrompt, type TaskSource } from '../../../src/core/domain/taskSource';
import { fromStoredTask, parseStoredTask, toStoredTask } from '../../../src/core/history/storedTask';
import { promptWithSource } from '../../../src/core/launch/promptText';
import { contentHash } from '../../../src/core/results/contentHash';

describe('task source', () => {
  const selected = 'const a = "```";\nreturn a;\n';
  const { prompt, span } = promptWithSource('Refactor this', selected, 'typescript');
  const source: TaskSource = {
    kind: 'selection',
    uri: 'file:///w/src/foo.ts',
    path: 'src/foo.ts',
    languageId: 'typescript',
    contentHash: contentHash(selected),
    promptSpan: span,
    range: { startLine: 11, startCharacter: 0, endLine: 13, endCharacter: 0 },
    documentVersion: 7,
  };

  it('the prompt holds the source text at its span, proven by the hash', () => {
    assert.equal(sourceTextFromPrompt(prompt, source, contentHash), selected);
    assert.equal(sourceTextFromPrompt(prompt.replace('return', 'RETURN'), source, contentHash), undefined);
    assert.equal(sourceTextFromPrompt(prompt.slice(0, 10), source, contentHash), undefined);
  });

  it('labels a selection by its lines, one-based, without a line it merely ends at', () => {
    assert.equal(describeSource(source), 'src/foo.ts:12–13');
    assert.equal(describeSource({ ...source, range: { startLine: 4, startCharacter: 2, endLine: 4, endCharacter: 9 } }), 'src/foo.ts:5');
    assert.equal(describeSource({ kind: 'file', uri: 'file:///w/a.md', path: 'a.md', languageId: 'markdown', contentHash: source.contentHash, promptSpan: span }), 'a.md');
  });

  it('survives the history store, with instruction and batch kind; a malformed source is refused', () => {
    const task: Task = { id: 't', title: 'x', prompt, providerId: 'p', model: 'm', priority: 'normal', status: 'completed', attempts: 1, createdAt: 1, output: 'o', source, instruction: 'Refactor this', batchKind: 'files', batchId: 'b' };
    const stored = JSON.parse(JSON.stringify(toStoredTask(task, { savedAt: 2 }))) as unknown;
    const back = fromStoredTask(parseStoredTask(stored)!);
    assert.deepEqual(back.source, source);
    assert.equal(back.instruction, 'Refactor this');
    assert.equal(back.batchKind, 'files');
    const bad = { ...(stored as Record<string, unknown>), source: { ...source, contentHash: 'nope' } };
    assert.equal(parseStoredTask(bad), undefined);
  });
});
