import { strict as assert } from 'node:assert';
import { scoreOutput } from '../../../src/core/quality/qualityChecks';
import type { QualityCheck } from '../../../src/core/domain/quality';
import { phrase, verbatim } from '../../../src/core/domain/phrase';
import { phraseText } from '../../../src/views/format/phraseText';

describe('quality checks', () => {
  it('scores the share of checks passed and names each failure with why', () => {
    const checks: QualityCheck[] = [
      { kind: 'contains', text: '## Summary' },
      { kind: 'notContains', text: 'as an ai', ignoreCase: true },
      { kind: 'regex', pattern: '^- ', flags: 'm' },
      { kind: 'maxLength', chars: 20 },
    ];
    const score = scoreOutput(checks, '## Summary\n- one\nAs an AI model, I think so.');
    assert.equal(score?.total, 4);
    assert.equal(score?.passed, 2);
    assert.equal(score?.score, 0.5);
    assert.deepEqual(score?.failed, [
      { check: phrase('quality.check.notContainsAnyCase', { text: 'as an ai' }), reason: phrase('quality.failure.found', {}) },
      { check: phrase('quality.check.maxLength', { chars: 20 }), reason: phrase('quality.failure.tooLong', { chars: 44 }) },
    ]);
    assert.deepEqual(score?.failed.map((f) => `${phraseText(f.check)}: ${phraseText(f.reason)}`), ['does not contain "as an ai" (any case): found', 'at most 20 characters: 44 characters']);
  });

  it('no checks, no score', () => {
    assert.equal(scoreOutput([], 'x'), undefined);
    assert.equal(scoreOutput(undefined, 'x'), undefined);
  });

  it('JSON: the whole output or its one fenced block; a schema is applied with Ajv and its first error named', () => {
    const plain: QualityCheck[] = [{ kind: 'json' }];
    assert.equal(scoreOutput(plain, ' {"a":1} ')?.score, 1);
    assert.equal(scoreOutput(plain, '```json\n{"a":1}\n```')?.score, 1);
    assert.match(phraseText(scoreOutput(plain, 'Here: {"a":1}')!.failed[0]!.reason), /^not JSON \(/);
    const schema: QualityCheck[] = [{ kind: 'json', schema: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } } }];
    assert.equal(scoreOutput(schema, '{"ok":true}')?.score, 1);
    const wrongType = scoreOutput(schema, '{"ok":"yes"}')!.failed;
    assert.deepEqual(wrongType, [{ check: phrase('quality.check.jsonSchema', {}), reason: phrase('quality.failure.schemaAt', { path: '/ok', message: verbatim('must be boolean') }) }]);
    assert.deepEqual(wrongType.map((f) => [phraseText(f.check), phraseText(f.reason)]), [['valid JSON matching the schema', '/ok must be boolean']]);
    assert.equal(phraseText(scoreOutput(schema, '"yes"')!.failed[0]!.reason), 'the value must be object');
    assert.match(phraseText(scoreOutput([{ kind: 'json', schema: { type: 'no-such-type' } }], '{}')!.failed[0]!.reason), /^the schema does not compile \(/);
  });

  it('code blocks: any closed fence, or one of a language', () => {
    const out = 'Text\n```ts\nconst a = 1;\n```\n';
    assert.equal(scoreOutput([{ kind: 'codeBlock' }], out)?.score, 1);
    assert.equal(scoreOutput([{ kind: 'codeBlock', language: 'TS' }], out)?.score, 1);
    const python = scoreOutput([{ kind: 'codeBlock', language: 'python' }], out)!.failed;
    assert.deepEqual(python.map((f) => [phraseText(f.check), phraseText(f.reason)]), [['a fenced python code block', 'none found']]);
    assert.equal(scoreOutput([{ kind: 'codeBlock' }], '```ts\nnever closed')?.score, 0);
  });

  it('names every kind of check and failure in the English the tree and the export show', () => {
    // Built at run time: the point is a pattern that does not compile.
    const UNCLOSED = ['('].join('');
    const words = (checks: QualityCheck[], output: string): string[] => scoreOutput(checks, output)!.failed.map((f) => `${phraseText(f.check)}: ${phraseText(f.reason)}`);
    assert.deepEqual(words([{ kind: 'contains', text: '## Summary' }, { kind: 'contains', text: 'x', ignoreCase: true }, { kind: 'notContains', text: 'a' }, { kind: 'regex', pattern: '^z', flags: 'm' }, { kind: 'regex', pattern: '(' }, { kind: 'json' }, { kind: 'codeBlock' }, { kind: 'maxLength', chars: 1000 }], 'a'.repeat(1200)), [
      'contains "## Summary": not found',
      'contains "x" (any case): not found',
      'does not contain "a": found',
      'matches /^z/m: no match',
      `matches /(/: the pattern does not compile (${(() => { try { new RegExp(UNCLOSED); } catch (e) { return (e as Error).message; } return ''; })()})`,
      `valid JSON: not JSON (${(() => { try { JSON.parse('a'.repeat(1200)); } catch (e) { return (e as Error).message; } return ''; })()})`,
      'a fenced code block: none found',
      'at most 1,000 characters: 1,200 characters',
    ]);
  });
});
