import { strict as assert } from 'node:assert';
import { ResponseCache } from '../../../src/core/cache/responseCache';
import { endpointWithoutSecrets, responseCacheKey, type RequestIdentity } from '../../../src/core/cache/responseCacheKey';
import type { CacheableRequest } from '../../../src/core/domain/responseCachePort';
import type { Task } from '../../../src/core/domain/taskModel';

const BASE: RequestIdentity = { providerId: 'openai', endpoint: 'https://api.openai.com/v1', model: 'gpt-4o', systemPrompt: 'Be terse.', prompt: 'Explain TCP', parameters: { maxOutputTokens: 1000 } };
const SECRET = 'sk-test-0123456789abcdef';

function completed(prompt: string, extra: Partial<Task> = {}): Task {
  return {
    id: `t-${prompt}`, title: prompt, prompt, providerId: 'openai', model: 'gpt-4o', priority: 'normal', status: 'completed', attempts: 1, createdAt: 0, output: `answer to ${prompt}`,
    usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false }, costUsd: 0.0123, ...extra,
  };
}

function setup(opts: { ttlMs?: number; maxEntries?: number; maxChars?: number; apiKey?: () => string } = {}) {
  let now = 1_000;
  let enabled = true;
  let parameters: RequestIdentity['parameters'] = { maxOutputTokens: 1000 };
  const keyOf = (r: CacheableRequest): string => {
    // The key's inputs never include the API key, whatever it is.
    void opts.apiKey?.();
    return responseCacheKey({ providerId: r.providerId, endpoint: BASE.endpoint, model: r.model, ...(r.systemPrompt !== undefined && { systemPrompt: r.systemPrompt }), prompt: r.prompt, parameters });
  };
  const cache = new ResponseCache({
    clock: { now: () => now },
    settings: () => ({ enabled, ttlMs: opts.ttlMs ?? 60_000 }),
    keyOf,
    isSafe: (text) => !text.includes(SECRET),
    ...(opts.maxEntries !== undefined && { maxEntries: opts.maxEntries }),
    ...(opts.maxChars !== undefined && { maxChars: opts.maxChars }),
  });
  return { cache, advance: (ms: number) => (now += ms), setEnabled: (v: boolean) => (enabled = v), setParameters: (p: RequestIdentity['parameters']) => (parameters = p) };
}

describe('response cache', () => {
  describe('keys', () => {
    it('misses when any part of the request changes: provider, endpoint, model, system prompt, prompt or a parameter', () => {
      const key = responseCacheKey(BASE);
      assert.match(key, /^[0-9a-f]{64}$/);
      assert.equal(responseCacheKey({ ...BASE }), key);
      for (const changed of [
        { ...BASE, providerId: 'azure' },
        { ...BASE, endpoint: 'https://example.test/v1' },
        { ...BASE, model: 'gpt-4o-mini' },
        { ...BASE, systemPrompt: 'Be verbose.' },
        { ...BASE, systemPrompt: undefined },
        { ...BASE, prompt: 'Explain UDP' },
        { ...BASE, parameters: { maxOutputTokens: 1001 } },
        { ...BASE, parameters: { maxOutputTokens: 1000, temperature: 0.2 } },
      ]) {
        assert.notEqual(responseCacheKey(changed), key, JSON.stringify(changed));
      }
    });

    it('ignores parameter order, unset parameters and credentials in the endpoint', () => {
      const key = responseCacheKey({ ...BASE, parameters: { temperature: 0.2, maxOutputTokens: 1000 } });
      assert.equal(responseCacheKey({ ...BASE, parameters: { maxOutputTokens: 1000, temperature: 0.2, seed: undefined } }), key);
      assert.equal(responseCacheKey({ ...BASE, endpoint: 'https://user:pw@api.openai.com/v1/?api-key=xyz' }), responseCacheKey(BASE));
      assert.equal(endpointWithoutSecrets('https://user:pw@host.test:8443/v1?key=1#x'), 'https://host.test:8443/v1');
    });
  });

  it('serves an identical request within the time to live, then forgets it', () => {
    const { cache, advance } = setup({ ttlMs: 60_000 });
    assert.equal(cache.store(completed('a')), true);
    const hit = cache.lookup({ providerId: 'openai', model: 'gpt-4o', prompt: 'a' });
    assert.equal(hit?.output, 'answer to a');
    assert.equal(hit?.costUsd, 0.0123);
    assert.equal(cache.lookup({ providerId: 'openai', model: 'gpt-4o', prompt: 'b' }), undefined);
    advance(60_000);
    assert.equal(cache.lookup({ providerId: 'openai', model: 'gpt-4o', prompt: 'a' }), undefined);
  });

  it('still hits after the API key changes: keys are no part of a request identity', () => {
    let apiKey = 'sk-first-key-aaaaaaaa';
    const { cache } = setup({ apiKey: () => apiKey });
    cache.store(completed('a'));
    apiKey = 'sk-second-key-bbbbbbbb';
    assert.ok(cache.lookup({ providerId: 'openai', model: 'gpt-4o', prompt: 'a' }));
  });

  it('misses after a parameter changes (max output tokens)', () => {
    const { cache, setParameters } = setup();
    cache.store(completed('a'));
    setParameters({ maxOutputTokens: 2000 });
    assert.equal(cache.lookup({ providerId: 'openai', model: 'gpt-4o', prompt: 'a' }), undefined);
  });

  it('stores no secret: an answer holding a key is not kept, and the snapshot holds no prompt text', () => {
    const { cache } = setup();
    assert.equal(cache.store(completed('leak', { output: `the key is ${SECRET}` })), false);
    cache.store(completed(`prompt mentioning ${SECRET.slice(0, 6)}`, { output: 'a plain answer' }));
    assert.equal(cache.store(completed(`my key is ${SECRET}`, { output: 'noted' })), false, 'a prompt holding a key is not keyed on');
    const text = JSON.stringify(cache.snapshot());
    assert.ok(!text.includes(SECRET));
    assert.ok(!text.includes('prompt mentioning'), 'prompts are hashed, not stored');
  });

  it('stores only completed, uncached tasks with usage, and nothing while turned off', () => {
    const { cache, setEnabled } = setup();
    assert.equal(cache.store(completed('f', { status: 'failed' })), false);
    assert.equal(cache.store(completed('c', { cached: { savedUsd: 1, storedAt: 0 } })), false);
    assert.equal(cache.store(completed('e', { output: '' })), false);
    setEnabled(false);
    assert.equal(cache.store(completed('a')), false);
    setEnabled(true);
    cache.store(completed('a'));
    setEnabled(false);
    assert.equal(cache.lookup({ providerId: 'openai', model: 'gpt-4o', prompt: 'a' }), undefined);
  });

  it('is bounded by entries and characters, dropping the oldest first', () => {
    const { cache } = setup({ maxEntries: 2 });
    for (const p of ['a', 'b', 'c']) cache.store(completed(p));
    assert.equal(cache.size, 2);
    assert.equal(cache.lookup({ providerId: 'openai', model: 'gpt-4o', prompt: 'a' }), undefined);
    const small = setup({ maxChars: 30 }).cache;
    small.store(completed('x', { output: 'y'.repeat(20) }));
    small.store(completed('z', { output: 'w'.repeat(20) }));
    assert.equal(small.size, 1);
  });

  it('restores a snapshot, skipping damaged and expired entries', () => {
    const first = setup({ ttlMs: 60_000 });
    first.cache.store(completed('a'));
    first.advance(30_000);
    first.cache.store(completed('b'));
    const snapshot = JSON.parse(JSON.stringify(first.cache.snapshot())) as { entries: unknown[] };
    snapshot.entries.push({ key: 'not-a-hash', output: 'x' });
    const second = setup({ ttlMs: 60_000 });
    second.advance(45_000); // 'a' (stored at 1,000) has expired at 61,000 and later; 'b' has not
    second.advance(16_000);
    assert.equal(second.cache.restore(snapshot), 1);
    assert.ok(second.cache.lookup({ providerId: 'openai', model: 'gpt-4o', prompt: 'b' }));
    assert.equal(second.cache.restore({ version: 2 }), 0);
  });
});
