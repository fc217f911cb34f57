// The first-run and keyboard parts of the manifest: the walkthrough's steps complete on context
// keys the code sets, commands that exist and settings that are declared, and show images that
// are in the package; every keybinding names a declared command and is live only where it applies.
import { strict as assert } from 'node:assert';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId, ContextKey, WALKTHROUGH_ID } from '../../../src/shared/ids';
import { manifestSettings, readManifest, REPO_ROOT } from '../helpers/manifestSettings';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string; markdown?: string };
  completionEvents?: string[];
}
interface Keybinding {
  command: string;
  key: string;
  mac?: string;
  when?: string;
  args?: { from?: string };
}

const manifest = readManifest();
const contributes = manifest.contributes as {
  commands: { command: string }[];
  keybindings: Keybinding[];
  walkthroughs: { id: string; steps: Step[] }[];
  viewsWelcome: { view: string; contents: string }[];
  menus: Record<string, { command: string; when?: string }[]>;
};
const commands = new Set(contributes.commands.map((c) => c.command));
const settings = manifestSettings(manifest);
const contextKeys = new Set<string>(Object.values(ContextKey));

/** The extension's own context keys a when clause reads (VS Code's own keys are not ours to check). */
function ownKeys(when: string): string[] {
  return [...when.matchAll(/\baiTaskQueue\.[\w.]+/g)].map((m) => m[0]).filter((k) => !k.startsWith('aiTaskQueue.tasks') && !k.startsWith('aiTaskQueue.output'));
}

describe('Walkthrough: every step completes from a real action', () => {
  const walkthrough = contributes.walkthroughs.find((w) => w.id === WALKTHROUGH_ID);

  it('has the five steps: provider, key or URL, first prompt, a batch reviewed, statistics and budgets', () => {
    assert.ok(walkthrough, `no walkthrough ${WALKTHROUGH_ID}`);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['chooseProvider', 'keyOrUrl', 'firstPrompt', 'batchReview', 'statsBudgets']);
  });

  it('completes each step on a context key the code sets, a declared command or a declared setting', () => {
    for (const step of walkthrough!.steps) {
      assert.ok((step.completionEvents?.length ?? 0) > 0, `${step.id} has no completion event (it would complete on a click)`);
      for (const event of step.completionEvents!) {
        const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onContext') assert.ok(contextKeys.has(name), `${step.id}: ${name} is not a context key the code sets`);
        else if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${name} is not a declared command`);
        else if (kind === 'onSettingChanged') assert.ok(settings[name], `${step.id}: ${name} is not a declared setting`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it('shows an image made from the real UI, with alt text, kept small, on every step', () => {
    for (const step of walkthrough!.steps) {
      const image = step.media.image;
      assert.ok(image && step.media.altText && step.media.altText.length > 20, `${step.id} needs an image and alt text`);
      const file = join(REPO_ROOT, image);
      assert.ok(existsSync(file), `${step.id}: ${image} does not exist (the walkthrough e2e test makes it)`);
      assert.ok(statSync(file).size < 120 * 1024, `${image} is ${statSync(file).size} bytes`);
    }
  });

  it('links only to declared commands in its steps and in the empty view, which opens the walkthrough', () => {
    const texts = [...walkthrough!.steps.map((s) => s.description), ...contributes.viewsWelcome.map((v) => v.contents)];
    for (const text of texts) for (const m of text.matchAll(/\(command:(aiTaskQueue\.\w+)/g)) assert.ok(commands.has(m[1]!), `links to ${m[1]}`);
    const welcome = contributes.viewsWelcome.map((v) => v.contents).join('\n');
    assert.match(welcome, /connect a provider/i);
    assert.ok(welcome.includes(`command:${CommandId.connectProvider}`) && welcome.includes(`command:${CommandId.openWalkthrough}`), welcome);
  });
});

describe('Keybindings: Run Prompt anywhere; Cancel, Retry and Delete only where a task allows them', () => {
  it('names declared commands and context keys the code sets', () => {
    for (const k of contributes.keybindings) {
      assert.ok(commands.has(k.command), k.command);
      for (const key of ownKeys(k.when ?? '')) assert.ok(contextKeys.has(key), `${k.command}: ${key} is not set by the code`);
    }
  });

  it('binds Run Prompt, Cancel, Retry and Delete, with a macOS key for each', () => {
    const bound = new Set(contributes.keybindings.map((k) => k.command));
    for (const c of [CommandId.runPrompt, CommandId.cancelTask, CommandId.retryTask, CommandId.removeTask]) assert.ok(bound.has(c), `${c} has no keybinding`);
    for (const k of contributes.keybindings) assert.ok(k.mac, `${k.command} (${k.key}) has no mac key`);
    assert.ok(contributes.keybindings.some((k) => k.command === CommandId.removeTask && k.key === 'delete'), 'Delete does not remove a finished task in the tree');
  });

  it('acts on the tree selection or the output panel only while that has focus and a task that fits', () => {
    const fits: Record<string, Record<string, string>> = {
      [CommandId.cancelTask]: { treeSelection: ContextKey.selectionCancellable, panel: ContextKey.panelCancellable },
      [CommandId.retryTask]: { treeSelection: ContextKey.selectionRetryable, panel: ContextKey.panelRetryable },
      [CommandId.removeTask]: { treeSelection: ContextKey.selectionRemovable },
    };
    for (const k of contributes.keybindings.filter((b) => b.command in fits)) {
      const from = k.args?.from ?? '';
      const key = fits[k.command]![from];
      assert.ok(key, `${k.command} (${k.key}) passes { from: ${from} }`);
      assert.ok(k.when?.includes(key), `${k.command} (${k.key}) is not limited to ${key}: ${k.when}`);
      assert.ok(k.when?.includes(from === 'panel' ? "activeWebviewPanelId == 'aiTaskQueue.output'" : 'focusedView == aiTaskQueue.tasks'), `${k.command} (${k.key}): ${k.when}`);
    }
  });

  it('reads only context keys the code sets in menu and palette when clauses', () => {
    for (const [menu, items] of Object.entries(contributes.menus)) for (const item of items) for (const key of ownKeys(item.when ?? '')) assert.ok(contextKeys.has(key), `${menu} → ${item.command}: ${key}`);
  });
});
