import { strict as assert } from 'node:assert';
import { CommandId, ContextKey, SETTINGS_SECTION, ViewId } from '../../../src/shared/ids';
import { manifestSettings, readManifest } from '../helpers/manifestSettings';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    menus: Record<string, { command: string; when?: string }[]>;
  };
  engines: { vscode: string };
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  devDependencies: Record<string, string>;
}

const manifest = readManifest() as unknown as Manifest;
const declaredSettings = manifestSettings(manifest as unknown as ReturnType<typeof readManifest>);

describe('package.json manifest ↔ code ids', () => {
  it('declares exactly the commands the code defines', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, Object.values(CommandId).sort());
  });

  it('puts every command in the "AI Tasks" category', () => {
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'AI Tasks', c.command);
  });

  it('menus only reference declared commands', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(declared.has(item.command), `${menu} → ${item.command}`);
    }
  });

  it('declares the view container and view the code registers', () => {
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((c) => c.id === ViewId.container));
    assert.ok(manifest.contributes.views[ViewId.container]!.some((v) => v.id === ViewId.tasks));
    assert.ok(JSON.stringify(manifest.contributes.menus).includes(ContextKey.paused));
  });

  it('keeps every base URL setting out of workspace reach (machine or application scope)', () => {
    const urls = Object.entries(declaredSettings).filter(([k]) => k.startsWith(`${SETTINGS_SECTION}.`) && k.endsWith('.baseUrl'));
    assert.ok(urls.length > 0);
    for (const [key, prop] of urls) assert.ok(prop.scope === 'machine' || prop.scope === 'application', `${key} has scope ${prop.scope}`);
  });

  it('runs in Restricted Mode, limited: an untrusted folder cannot steer where prompts go or what they cost', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok((untrusted?.description?.length ?? 0) > 40, 'the Restricted Mode banner needs a description');
    const restricted = new Set(untrusted?.restrictedConfigurations ?? []);
    const declared = Object.keys(declaredSettings);
    for (const key of restricted) assert.ok(declared.includes(key), `restricts an undeclared setting ${key}`);
    const steering = declared.filter((key) => key.startsWith(`${SETTINGS_SECTION}.providers.`));
    for (const name of ['defaultProvider', 'pricing', 'maxOutputTokens', 'providerLimits', 'concurrency', 'maxAttempts', 'timeoutSeconds', 'resumeInterruptedOnStartup']) steering.push(`${SETTINGS_SECTION}.${name}`);
    for (const key of steering) assert.ok(restricted.has(key), `${key} is not a restricted configuration`);
  });

  it('installs on code-server 4.139.1 (VS Code 1.139.1), with @types/vscode no newer than engines', () => {
    const engine = manifest.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    const types = manifest.devDependencies['@types/vscode']!.replace(/^\^/, '').split('.').map(Number);
    const cmp = (a: number[], b: number[]): number => a[0]! - b[0]! || a[1]! - b[1]! || (a[2] ?? 0) - (b[2] ?? 0);
    assert.ok(cmp(engine, [1, 139, 1]) <= 0, 'engines.vscode must not exceed 1.139.1');
    assert.ok(cmp(types, engine) <= 0, '@types/vscode must not be newer than engines.vscode');
  });
});
