// Which provider new tasks use while the offline simulator runs: the person's choice wins. The
// simulator stands in only for the server it replaces, until "Select Model…" picks anything.
import { strict as assert } from 'node:assert';
import type { ChatProvider } from '../../../src/core/domain/chatProvider';
import type { Settings } from '../../../src/host/config/settings';
import { ProviderRegistry, type ProviderEntry } from '../../../src/host/providers/providerRegistry';

const client = { id: 'x', label: 'x', local: true } as unknown as ChatProvider;
const entry = (id: string, simulated = false): ProviderEntry => ({ id, label: id, provider: client, defaultModel: `${id}-model`, needsKey: false, simulated, endpoint: `http://127.0.0.1/${id}` });
const REAL = [entry('openaiCompatible'), entry('openai'), entry('anthropic')];

function registry(withSimulator: boolean): ProviderRegistry {
  return new ProviderRegistry(() => (withSimulator ? [...REAL, entry('simulator', true)] : REAL));
}
const settings = (defaultProvider: string): Settings => ({ defaultProvider }) as Settings;

describe('ProviderRegistry default while the offline simulator runs', () => {
  it('stands in for the OpenAI-compatible server it replaces, and only for it', () => {
    const r = registry(true);
    r.rebuild(settings('openaiCompatible'));
    assert.equal(r.defaultSelection().providerId, 'simulator');
    // A default picked on an earlier day (saved in settings) is not taken over on the next start.
    const other = registry(true);
    other.rebuild(settings('openai'));
    assert.deepEqual(other.defaultSelection(), { providerId: 'openai', model: 'openai-model' });
  });

  it('a real model picked in Select Model… wins, the stand-in provider included', () => {
    const r = registry(true);
    r.rebuild(settings('openaiCompatible'));
    r.choose('openai');
    r.rebuild(settings('openai')); // the settings write arrives
    assert.equal(r.defaultSelection().providerId, 'openai');
    // Picking the very server the simulator stood in for means it answers now: use it.
    r.choose('openaiCompatible');
    r.rebuild(settings('openaiCompatible'));
    assert.equal(r.defaultSelection().providerId, 'openaiCompatible');
  });

  it('picking the simulator makes it the default until the setting changes again', () => {
    const r = registry(true);
    r.rebuild(settings('openai'));
    const changes: string[] = [];
    r.onDidChange(() => changes.push(r.defaultSelection().providerId));
    r.choose('simulator');
    assert.equal(r.defaultSelection().providerId, 'simulator');
    r.rebuild(settings('openai')); // an unrelated settings change
    assert.equal(r.defaultSelection().providerId, 'simulator');
    r.rebuild(settings('anthropic')); // the person edits the default by hand
    assert.equal(r.defaultSelection().providerId, 'anthropic');
    assert.deepEqual(changes, ['simulator', 'simulator', 'anthropic']);
  });

  it('names a task that ran on the simulator after a restart without it', () => {
    const r = registry(false);
    r.rebuild(settings('openaiCompatible'));
    assert.equal(r.label('simulator'), 'Offline simulator (not a real model)');
  });

  it('without a simulator the configured provider is the default, else the first available', () => {
    const r = registry(false);
    r.rebuild(settings('anthropic'));
    assert.equal(r.defaultSelection().providerId, 'anthropic');
    r.rebuild(settings('ollama'));
    assert.equal(r.defaultSelection().providerId, 'openaiCompatible');
  });
});
