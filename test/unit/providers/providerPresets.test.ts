import { strict as assert } from 'node:assert';
import { findProviderPreset, PROVIDER_PRESETS } from '../../../src/providers/presets/providerPresets';

describe('PROVIDER_PRESETS', () => {
  it('has unique ids and valid base URLs', () => {
    const ids = PROVIDER_PRESETS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const p of PROVIDER_PRESETS) assert.doesNotThrow(() => new URL(p.defaultBaseUrl), p.id);
  });

  it('local presets need no key and point at loopback; hosted ones need a key', () => {
    for (const p of PROVIDER_PRESETS) {
      if (p.local) {
        assert.equal(p.needsKey, false, p.id);
        assert.equal(new URL(p.defaultBaseUrl).hostname, '127.0.0.1', p.id);
      } else assert.equal(p.needsKey, true, p.id);
    }
  });

  it('encodes the vendor differences from the reference', () => {
    assert.deepEqual(
      PROVIDER_PRESETS.map((p) => `${p.id}:${p.kind}:${p.defaultBaseUrl}:${p.tokenParam}`),
      [
        'openai:openaiCompatible:https://api.openai.com/v1:max_completion_tokens',
        'anthropic:anthropic:https://api.anthropic.com:max_tokens',
        'ollama:ollama:http://127.0.0.1:11434:max_tokens',
        'lmstudio:openaiCompatible:http://127.0.0.1:1234/v1:max_tokens',
        'vllm:openaiCompatible:http://127.0.0.1:8000/v1:max_tokens',
        'llamacpp:openaiCompatible:http://127.0.0.1:8080/v1:max_tokens',
        'openaiCompatible:openaiCompatible:http://127.0.0.1:11434/v1:max_tokens',
      ],
    );
    assert.equal(findProviderPreset('openai')?.systemRole, 'developer');
    assert.equal(findProviderPreset('nope'), undefined);
  });
});
