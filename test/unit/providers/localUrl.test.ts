import { strict as assert } from 'node:assert';
import { isLocalUrl } from '../../../src/providers/http/localUrl';
import { SecretRedactor } from '../../../src/host/secrets/secretRedactor';

describe('isLocalUrl (local servers cost nothing)', () => {
  it('treats loopback, private ranges and .local as local', () => {
    for (const url of ['http://127.0.0.1:11434/v1', 'http://localhost:1234/v1', 'http://[::1]:8000/v1', 'http://10.1.2.3/v1', 'http://192.168.0.9:8080/v1', 'http://172.20.0.1/v1', 'http://gpu-box.local:8000/v1']) {
      assert.ok(isLocalUrl(url), url);
    }
  });

  it('treats public hosts and junk as not local', () => {
    for (const url of ['https://api.openai.com/v1', 'http://172.32.0.1/v1', 'not a url', 'http://8.8.8.8/v1']) assert.ok(!isLocalUrl(url), url);
  });
});

describe('SecretRedactor', () => {
  it('blanks every remembered key and ignores trivially short values', () => {
    const r = new SecretRedactor();
    r.remember('sk-abcdefghijklmnop');
    r.remember('abc');
    r.remember(undefined);
    assert.equal(r.redact('key sk-abcdefghijklmnop and abc'), 'key «redacted» and abc');
  });

  it('holds back a tail that could be the start of a key, so a key split across sends is still caught', () => {
    const r = new SecretRedactor();
    r.remember('sk-abcdefghijklmnop');
    assert.equal(r.safeLength('Your key is sk-abc'), 'Your key is '.length);
    assert.equal(r.safeLength('Your key is s'), 'Your key is '.length);
    assert.equal(r.safeLength('nothing secret here'), 'nothing secret here'.length);
    // Simulate two batches: the first emits only the safe part; the key, once whole, is redacted.
    let pending = 'Your key is sk-abcdefg';
    const first = pending.slice(0, r.safeLength(pending));
    pending = pending.slice(first.length) + 'hijklmnop, enjoy';
    assert.equal(r.redact(first) + r.redact(pending), 'Your key is «redacted», enjoy');
  });
});
