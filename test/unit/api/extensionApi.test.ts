// The API activate() returns: in production exactly the public members (no key writer, no recorded
// panel messages or log lines); the test hooks only in the test API, built in ExtensionMode.Test.
import { strict as assert } from 'node:assert';
import { PUBLIC_API_MEMBERS } from '../../../src/api/extensionApi';
import { createExtensionApi, createTestApi, type ApiServices, type TestApiServices } from '../../../src/api/extensionApiImpl';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { ManualClock } from '../helpers/manualClock';
import { ScriptedProvider, textParts, USAGE_10_5 } from '../helpers/scriptedProvider';

function services(): ApiServices {
  const provider = new ScriptedProvider('p', async function* () {
    yield* textParts('hi');
    yield USAGE_10_5;
  });
  let n = 0;
  const engine = new TaskEngine({ clock: new ManualClock(), newId: () => `t${++n}`, providers: (id) => (id === 'p' ? provider : undefined), priceBook: () => new PriceBook(), concurrency: 1, defaultTimeoutMs: 60_000 });
  return {
    engine,
    defaultSelection: () => ({ providerId: 'p', model: 'm' }),
    defaultPriority: () => 'normal',
    viewContext: { providerLabel: (id) => id, redact: (t) => t, safeLength: (t) => t.length },
  };
}

const unused = (): never => {
  throw new Error('not called');
};
const TEST_SERVICES: TestApiServices = {
  treeSnapshot: () => [],
  treeItem: () => undefined,
  selectTreeRow: unused,
  panelState: () => ({ openPanels: 0 }),
  panelMessages: { snapshot: () => [] },
  logLines: { snapshot: () => [] },
  setApiKey: unused,
  treeBatches: () => [],
  testing: {} as TestApiServices['testing'],
  providerBatches: {} as TestApiServices['providerBatches'],
};

describe('extension API', () => {
  it('in production holds exactly the public members: no setApiKey, postedPanelMessages, treeItem or recentLogLines', () => {
    const api = createExtensionApi(services());
    assert.deepEqual(Object.keys(api).sort(), [...PUBLIC_API_MEMBERS].sort());
    for (const hook of ['setApiKey', 'postedPanelMessages', 'treeItem', 'recentLogLines', 'treeSnapshot', 'retryOf', 'panelState', 'selectTreeRow', 'testing', 'providerBatches']) {
      assert.ok(!(hook in api), `the production API exposes ${hook}`);
    }
  });

  it('the public API queues on the default provider and reports the task', async () => {
    const s = services();
    const api = createExtensionApi(s);
    const id = api.submitPrompt({ prompt: 'say hi' });
    const done = await api.waitForStatus(id, ['completed'], 5_000);
    assert.equal(done.providerId, 'p');
    assert.equal(done.model, 'm');
    assert.equal(done.output, 'hi');
    assert.deepEqual(api.listTasks().map((t) => t.id), [id]);
  });

  it('the test API adds the hooks on top of the public members', () => {
    const api = createTestApi(services(), TEST_SERVICES);
    for (const member of [...PUBLIC_API_MEMBERS, 'setApiKey', 'postedPanelMessages', 'treeItem', 'recentLogLines', 'treeSnapshot', 'retryOf', 'panelState', 'selectTreeRow']) {
      assert.equal(typeof (api as unknown as Record<string, unknown>)[member], 'function', member);
    }
    assert.equal(api.providerBatches, TEST_SERVICES.providerBatches, 'the provider batch hooks are on the test API');
  });
});
