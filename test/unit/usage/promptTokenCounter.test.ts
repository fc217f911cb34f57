import { strict as assert } from 'node:assert';
import { loadOpenAiTokenizer, openAiEncodingFor } from '../../../src/core/usage/openAiTokenizer';
import { PromptTokenCounter } from '../../../src/core/usage/promptTokenCounter';
import { phrase, type Phrase } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

// Counts of OpenAI's encodings for these texts, confirmed with an independent implementation
// (js-tiktoken 1.0.21) as well as gpt-tokenizer; "tiktoken is great!" is 6 in OpenAI's cookbook.
const KNOWN: readonly { text: string; o200k: number }[] = [
  { text: 'tiktoken is great!', o200k: 6 },
  { text: 'hello world', o200k: 2 },
  { text: 'function add(a, b) {\n  return a + b;\n}\n', o200k: 14 },
  { text: 'Grüße aus Köln — 東京で会いましょう 🎉', o200k: 14 },
  { text: 'Explain this code', o200k: 3 },
  { text: 'x'.repeat(1000), o200k: 125 },
];

describe('token counting before a run', () => {
  it('picks the encoding a model id uses, and none for other vendors', () => {
    assert.equal(openAiEncodingFor('gpt-4o-mini-2024-07-18'), 'o200k_base');
    assert.equal(openAiEncodingFor('gpt-4.1'), 'o200k_base');
    assert.equal(openAiEncodingFor('o3'), 'o200k_base');
    assert.equal(openAiEncodingFor('openai/gpt-5'), 'o200k_base');
    // Legacy cl100k_base models are estimated (the encoding is not shipped).
    assert.equal(openAiEncodingFor('gpt-4-0613'), undefined);
    assert.equal(openAiEncodingFor('gpt-3.5-turbo'), undefined);
    assert.equal(openAiEncodingFor('claude-sonnet-4-5'), undefined);
    assert.equal(openAiEncodingFor('llama3.2'), undefined);
  });

  it('counts known texts exactly as the real tokenizer does', async () => {
    const o200k = await loadOpenAiTokenizer('o200k_base');
    for (const k of KNOWN) assert.equal(o200k.count(k.text), k.o200k, `o200k: ${k.text.slice(0, 20)}`);
  });

  it('counts special-token markup in user text as text, as the API does, instead of throwing', async () => {
    const o200k = await loadOpenAiTokenizer('o200k_base');
    assert.equal(o200k.count('a <|endoftext|> b'), 9);
  });

  it('adds OpenAI chat framing: 4 per message with its role, 3 priming the reply', async () => {
    const counter = new PromptTokenCounter();
    const one = await counter.countLocally({ providerId: 'openai', model: 'gpt-4o', prompt: 'tiktoken is great!' });
    assert.deepEqual(one, { tokens: 6 + 4 + 3, method: 'tokenizer', source: phrase('count.tokenizer', { encoding: 'o200k_base' }) });
    assert.equal(words(one.source as Phrase), 'o200k_base tokenizer');
    const two = await counter.countLocally({ providerId: 'openai', model: 'gpt-4o', systemPrompt: 'hello world', prompt: 'tiktoken is great!' });
    // The same framing gpt-tokenizer's encodeChat applies for gpt-4o.
    assert.equal(two.tokens, 2 + 4 + 6 + 4 + 3);
  });

  it('counts a prompt given in pieces (instruction, selection, fence) like the whole, and remembers the long piece', async () => {
    const o200k = await loadOpenAiTokenizer('o200k_base');
    const selection = 'export function f(x: number): number {\n  return x * 2;\n}\n'.repeat(400);
    const segments = ['Explain this code\n\n```typescript\n', selection, '\n```'];
    const counter = new PromptTokenCounter();
    const counted = await counter.countLocally({ providerId: 'openai', model: 'gpt-4o', prompt: segments.join(''), segments });
    assert.ok(Math.abs(counted.tokens - 7 - o200k.count(segments.join(''))) <= 2, `${counted.tokens - 7} vs ${o200k.count(segments.join(''))}`);
    // The second count with another instruction reuses the selection's count: same total minus/plus the instruction's difference.
    const again = await counter.countLocally({ providerId: 'openai', model: 'gpt-4o', prompt: `Review this code\n\n\`\`\`typescript\n${selection}\n\`\`\``, segments: ['Review this code\n\n```typescript\n', selection, '\n```'] });
    assert.equal(again.tokens - counted.tokens, o200k.count('Review this code') - o200k.count('Explain this code'));
  });

  it('says when the tokenizer cannot be loaded, and falls back to the labelled estimate', async () => {
    const errors: unknown[] = [];
    const counter = new PromptTokenCounter({ onTokenizerError: (e) => errors.push(e), loadTokenizer: () => Promise.reject(new Error('ranks missing')) });
    const counted = await counter.countLocally({ providerId: 'openai', model: 'gpt-4o', prompt: 'abcdefgh' });
    assert.deepEqual(counted, { tokens: 2, method: 'estimate', source: phrase('count.estimate', {}) });
    assert.equal(String(errors[0]), 'Error: ranks missing');
  });

  it('counts a long text in pieces to within a token per piece of the whole', async () => {
    const o200k = await loadOpenAiTokenizer('o200k_base');
    const line = 'const value = compute(alpha, beta); // a line of ordinary code\n';
    const text = line.repeat(6000); // ≈ 380 KB: six pieces
    const whole = o200k.count(text);
    const counted = await new PromptTokenCounter().countLocally({ providerId: 'openai', model: 'gpt-4o', prompt: text });
    const pieces = Math.ceil(text.length / (16 * 1024));
    assert.ok(Math.abs(counted.tokens - 7 - whole) <= pieces, `${counted.tokens - 7} vs ${whole}`);
  });

  it('labels an estimate for models without a public tokenizer', async () => {
    const counted = await new PromptTokenCounter().countLocally({ providerId: 'anthropic', model: 'claude-sonnet-4-5', prompt: 'x'.repeat(400) });
    assert.deepEqual(counted, { tokens: 100, method: 'estimate', source: phrase('count.estimate', {}) });
  });

  it("prefers the provider's own count and falls back to a local one when it fails", async () => {
    let fail = false;
    const counter = new PromptTokenCounter({
      providerCounter: (id) =>
        id === 'anthropic'
          ? async () => {
              if (fail) throw new Error('offline');
              return { tokens: 42, method: 'provider', source: 'Anthropic' };
            }
          : undefined,
    });
    const parts = { providerId: 'anthropic', model: 'claude-sonnet-4-5', prompt: 'x'.repeat(40) };
    assert.equal((await counter.count(parts, new AbortController().signal)).tokens, 42);
    fail = true;
    assert.deepEqual(await counter.count(parts, new AbortController().signal), { tokens: 10, method: 'estimate', source: phrase('count.estimate', {}) });
  });
});
