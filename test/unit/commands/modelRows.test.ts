// The model picker names the provider of a model two providers serve.
import { strict as assert } from 'node:assert';
import type { ProviderModels } from '../../../src/host/providers/modelCatalog';
import { modelRowDescriptions } from '../../../src/commands/pickers/modelRows';

const group = (id: string, label: string, models: { id: string; label?: string }[]): ProviderModels => ({ entry: { id, label } as ProviderModels['entry'], models });

describe('Model picker rows', () => {
  it('a model under two providers says which provider each row is; a model under one says nothing more', () => {
    const compatible = group('openaiCompatible', 'OpenAI-compatible server (127.0.0.1:11434)', [{ id: 'llama3.2' }, { id: 'qwen2.5' }]);
    const ollama = group('ollama', 'Ollama', [{ id: 'llama3.2' }]);
    const openai = group('openai', 'OpenAI', [{ id: 'gpt-4o', label: 'GPT-4o' }]);
    const rows = modelRowDescriptions([compatible, ollama, openai]);
    assert.equal(rows.get(compatible)!.get('llama3.2'), 'on OpenAI-compatible server (127.0.0.1:11434)');
    assert.equal(rows.get(ollama)!.get('llama3.2'), 'on Ollama');
    assert.equal(rows.get(compatible)!.get('qwen2.5'), '');
    assert.equal(rows.get(openai)!.get('gpt-4o'), 'gpt-4o');
  });
});
