import { strict as assert } from 'node:assert';
import { parsePromptFile } from '../../../src/core/promptFiles/promptFileParser';
import { PromptFileError } from '../../../src/core/promptFiles/promptFileProblem';
import { phraseText } from '../../../src/views/format/phraseText';
import { phrase } from '../../../src/core/domain/phrase';

function problemsOf(source: string): { line: number; message: string }[] {
  try {
    parsePromptFile(source, 'review.prompt.md');
  } catch (error) {
    assert.ok(error instanceof PromptFileError, String(error));
    // In the English the Problems view and the notification show.
    return error.problems.map((p) => ({ line: p.line, message: phraseText(p.message) }));
  }
  assert.fail('expected the file to be refused');
}

describe('prompt file parsing', () => {
  it('reads VS Code keys, this extension keys and checks, and the body with its line', () => {
    const file = parsePromptFile(
      [
        '---',
        'description: Review a file',
        'name: review',
        'argument-hint: what to focus on',
        'model: gpt-4o-mini',
        'provider: openai',
        'priority: high',
        'systemPrompt: You are terse.',
        'maxOutputTokens: 800',
        'tools: [codebase]',
        'checks:',
        '  - contains: "## Summary"',
        '  - notContains: As an AI',
        '    ignoreCase: true',
        '  - regex: "^- "',
        '    flags: m',
        '  - json: { schema: { type: object, required: [ok] } }',
        '  - maxLength: 2000',
        '  - codeBlock: typescript',
        '---',
        '',
        'Review ${file} for ${input:focus:security}.',
      ].join('\n'),
      'review.prompt.md',
    );
    assert.equal(file.description, 'Review a file');
    assert.equal(file.name, 'review');
    assert.equal(file.argumentHint, 'what to focus on');
    assert.equal(file.model, 'gpt-4o-mini');
    assert.equal(file.provider, 'openai');
    assert.equal(file.priority, 'high');
    assert.equal(file.systemPrompt?.text, 'You are terse.');
    assert.equal(file.maxOutputTokens, 800);
    assert.deepEqual(file.checks, [
      { kind: 'contains', text: '## Summary' },
      { kind: 'notContains', text: 'As an AI', ignoreCase: true },
      { kind: 'regex', pattern: '^- ', flags: 'm' },
      { kind: 'json', schema: { type: 'object', required: ['ok'] } },
      { kind: 'maxLength', chars: 2000 },
      { kind: 'codeBlock', language: 'typescript' },
    ]);
    assert.equal(file.preamble.text, 'Review ${file} for ${input:focus:security}.');
    assert.equal(file.preamble.line, 22);
    assert.deepEqual(file.steps, []);
    assert.deepEqual(file.warnings, [], 'tools is a Copilot key, ignored silently');
  });

  it('a file without front matter is all prompt', () => {
    const file = parsePromptFile('Explain ${selection}\n', 'x.prompt.md');
    assert.equal(file.preamble.text, 'Explain ${selection}');
    assert.equal(file.preamble.line, 1);
  });

  it('a YAML syntax error names its line in the whole file', () => {
    const problems = problemsOf(['---', 'description: ok', 'model: [gpt-4o', 'priority: high', '---', 'Hi'].join('\n'));
    assert.equal(problems.length >= 1, true);
    assert.equal(problems[0]!.line >= 3 && problems[0]!.line <= 5, true, JSON.stringify(problems));
    assert.match(problems[0]!.message, /^front matter: /);
  });

  it('a wrong value names the key and its line; a duplicate key is refused', () => {
    const problems = problemsOf(['---', 'description: ok', '', 'priority: asap', 'maxOutputTokens: -3', 'model: a', 'model: b', '---', 'Hi'].join('\n'));
    const byLine = new Map(problems.map((p) => [p.line, p.message]));
    assert.match(byLine.get(4) ?? '', /^priority: expected one of urgent, high, normal, low/);
    assert.match(byLine.get(5) ?? '', /^maxOutputTokens: /);
    assert.ok([...byLine.keys()].some((line) => line === 7 && /unique|duplicate/i.test(byLine.get(7)!)), JSON.stringify(problems));
  });

  it('hands the adapters a phrase per problem: the key with its own problem inside, nothing in English', () => {
    try {
      parsePromptFile(['---', 'priority: asap', 'checks:', '  - regex: ""', '---', 'Hi'].join('\n'), 'x.prompt.md');
      assert.fail('expected a refusal');
    } catch (error) {
      assert.ok(error instanceof PromptFileError);
      assert.deepEqual(error.problems.map((p) => p.message), [
        phrase('promptFile.frontMatter.keyProblem', { key: 'priority', problem: phrase('promptFile.frontMatter.expectedOneOf', { values: 'urgent, high, normal, low' }) }),
        phrase('promptFile.checks.problem', { problem: phrase('promptFile.check.regexNeedsPattern', {}) }),
      ]);
    }
  });

  it('a check that cannot be evaluated is refused with its line', () => {
    const problems = problemsOf(['---', 'checks:', '  - contains: ok', '  - regex: "a("', '  - maxLength: 1.5', '  - spelling: en', '---', 'Hi'].join('\n'));
    assert.deepEqual(problems.map((p) => p.line), [4, 5, 6]);
    assert.match(problems[0]!.message, /regex does not compile/);
    assert.match(problems[2]!.message, /unknown check "spelling"/);
  });

  it('an unclosed front matter is refused at line 1; an unknown key is a warning, not an error', () => {
    assert.deepEqual(problemsOf('---\ndescription: x\nHi'), [{ line: 1, message: 'the front matter opened here is never closed by a "---" line' }]);
    const file = parsePromptFile('---\ntemperature: 0.2\n---\nHi', 'x.prompt.md');
    assert.deepEqual(file.warnings, [{ line: 2, message: phrase('promptFile.frontMatter.unknownKey', { key: 'temperature' }) }]);
    assert.equal(phraseText(file.warnings[0]!.message), '"temperature" is not a prompt file key this extension knows; it is ignored');
  });

  it('splits a workflow into ordered steps; a heading inside a code fence is not a step', () => {
    const file = parsePromptFile(
      ['Context for every step.', '', '## Step: outline', 'Outline ${input:topic}.', '', '```md', '## Step: not-a-step', '```', '## Step: draft', '', 'Write from ${step:outline}.'].join('\n'),
      'w.prompt.md',
    );
    assert.equal(file.preamble.text, 'Context for every step.');
    assert.deepEqual(file.steps.map((s) => [s.name, s.headingLine, s.line]), [['outline', 3, 4], ['draft', 9, 11]]);
    assert.match(file.steps[0]!.text, /## Step: not-a-step/);
  });

  it('refuses step references to later or unknown steps, and outside steps, naming lines', () => {
    const problems = problemsOf(['Intro ${step:a}', '## Step: a', 'Use ${step:b}', '## Step: b', 'Use ${step:c} and ${input:}', '## Step: a', 'again'].join('\n'));
    assert.deepEqual(problems.map((p) => p.line), [1, 3, 5, 5, 6]);
    assert.match(problems[0]!.message, /only a step's prompt/);
    assert.match(problems[1]!.message, /does not come before step "a"/);
    assert.match(problems[2]!.message, /no step named "c"/);
    assert.match(problems[3]!.message, /an input needs a name/);
    assert.match(problems[4]!.message, /a step named "a" comes earlier/);
  });

  it('an empty prompt is refused', () => {
    assert.match(problemsOf('---\nname: x\n---\n\n')[0]!.message, /the prompt is empty/);
  });
});
