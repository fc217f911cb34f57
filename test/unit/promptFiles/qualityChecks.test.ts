import { strict as assert } from 'node:assert';
import { scoreOutput } from '../../../src/core/quality/qualityChecks';
import type { QualityCheck } from '../../../src/core/domain/quality';

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
      { check: 'does not contain "as an ai" (any case)', reason: 'found' },
      { check: 'at most 20 characters', reason: '44 characters' },
    ]);
  });

  it('no checks, no score', () => {
    assert.equal(scoreOutput([], 'x'), undefined);
    assert.equal(scoreOutput(undefined, 'x'), undefined);
  });

  it('JSON: the whole output or its one fenced block; a schema is applied with Ajv and its first error named', () => {
    const plain: QualityCheck[] = [{ kind: 'json' }];
    assert.equal(scoreOutput(plain, ' {"a":1} ')?.score, 1);
    assert.equal(scoreOutput(plain, '```json\n{"a":1}\n```')?.score, 1);
    assert.match(scoreOutput(plain, 'Here: {"a":1}')!.failed[0]!.reason, /^not JSON/);
    const schema: QualityCheck[] = [{ kind: 'json', schema: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } } }];
    assert.equal(scoreOutput(schema, '{"ok":true}')?.score, 1);
    assert.deepEqual(scoreOutput(schema, '{"ok":"yes"}')?.failed, [{ check: 'valid JSON matching the schema', reason: '/ok must be boolean' }]);
    assert.match(scoreOutput([{ kind: 'json', schema: { type: 'no-such-type' } }], '{}')!.failed[0]!.reason, /schema does not compile/);
  });

  it('code blocks: any closed fence, or one of a language', () => {
    const out = 'Text\n```ts\nconst a = 1;\n```\n';
    assert.equal(scoreOutput([{ kind: 'codeBlock' }], out)?.score, 1);
    assert.equal(scoreOutput([{ kind: 'codeBlock', language: 'TS' }], out)?.score, 1);
    assert.deepEqual(scoreOutput([{ kind: 'codeBlock', language: 'python' }], out)?.failed, [{ check: 'a fenced python code block', reason: 'none found' }]);
    assert.equal(scoreOutput([{ kind: 'codeBlock' }], '```ts\nnever closed')?.score, 0);
  });
});
