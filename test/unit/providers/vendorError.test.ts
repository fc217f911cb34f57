import { strict as assert } from 'node:assert';
import { vendorErrorFromBody, vendorErrorFromJson } from '../../../src/providers/http/vendorError';

describe('vendorError (reference §3.5 rule 5)', () => {
  it('reads the nested OpenAI / Anthropic shape', () => {
    assert.deepEqual(vendorErrorFromBody('{"error":{"message":"m","type":"t","param":null,"code":"c"}}'), { message: 'm', type: 't', code: 'c' });
    assert.deepEqual(vendorErrorFromJson({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' }), { message: 'Overloaded', type: 'overloaded_error' });
  });
  it('reads new-vLLM numeric codes as strings', () => assert.deepEqual(vendorErrorFromBody('{"error":{"message":"m","type":"BadRequestError","param":null,"code":400}}'), { message: 'm', type: 'BadRequestError', code: '400' }));
  it('reads the old-vLLM flat shape', () => assert.deepEqual(vendorErrorFromBody('{"object":"error","message":"m","type":"t","code":400}'), { message: 'm', type: 't', code: '400' }));
  it('reads the Ollama native string shape', () => assert.deepEqual(vendorErrorFromBody('{"error":"model not found"}'), { message: 'model not found' }));
  it('uses short plain text but not HTML', () => {
    assert.deepEqual(vendorErrorFromBody('upstream connect error'), { message: 'upstream connect error' });
    assert.equal(vendorErrorFromBody('<html><body>502</body></html>'), undefined);
    assert.equal(vendorErrorFromBody(''), undefined);
  });
  it('returns undefined for JSON without an error', () => assert.equal(vendorErrorFromBody('{"ok":true}'), undefined));
  it('truncates very long messages', () => assert.ok((vendorErrorFromBody(`{"error":{"message":"${'x'.repeat(5000)}"}}`)?.message?.length ?? 0) < 600));
});
