// Starts a real VS Code (code-server from npm, run by the cached Node 24) the way
// /work/shared/docs/real-vscode-testing.md describes: all state in one folder (fresh temp folder by
// default), quiet settings, no marketplace, own process group, readiness via /healthz.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { assertInstalled, codeServerEntry, node24 } from './paths';
import { freePort, isPortFree, makeTempDir, removeTempDir, spawnGroup, waitForHttpOk, type GroupProcess } from './processes';

const execFileAsync = promisify(execFile);

/** Settings that keep a fresh window quiet (no welcome page, telemetry, update or AI prompts). */
export const QUIET_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  // The Welcome page opening an installed extension's walkthrough takes the focus from the palette.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
};

export interface StateDirs {
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly configFile: string;
  readonly settingsFile: string;
  /** The "Remote" settings: code-server's extension host is a remote one and reads machine-scoped settings only from here. */
  readonly machineSettingsFile: string;
  readonly xdgConfig: string;
  readonly xdgData: string;
  readonly xdgCache: string;
  readonly tmp: string;
}

export function stateDirs(root: string): StateDirs {
  const userDataDir = path.join(root, 'user-data');
  return {
    root,
    userDataDir,
    extensionsDir: path.join(root, 'extensions'),
    configFile: path.join(root, 'config.yaml'),
    settingsFile: path.join(userDataDir, 'User', 'settings.json'),
    machineSettingsFile: path.join(userDataDir, 'Machine', 'settings.json'),
    xdgConfig: path.join(root, 'xdg', 'config'),
    xdgData: path.join(root, 'xdg', 'data'),
    xdgCache: path.join(root, 'xdg', 'cache'),
    tmp: path.join(root, 'tmp'),
  };
}

function prepareDirs(dirs: StateDirs): void {
  for (const dir of [dirs.userDataDir, path.dirname(dirs.settingsFile), path.dirname(dirs.machineSettingsFile), dirs.extensionsDir, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache, dirs.tmp]) {
    fs.mkdirSync(dir, { recursive: true });
  }
}

/** The environment code-server (and so its extension host) runs with: nothing lands in $HOME. */
export function codeServerEnv(dirs: StateDirs, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}',
    // code-server reads these itself; never let the caller's leak in.
    PASSWORD: undefined,
    HASHED_PASSWORD: undefined,
    VSCODE_PROXY_URI: undefined,
    ...extra,
  };
  // Drop the keys set to undefined above (spawn would pass the string "undefined").
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** Strips // and /* comments and trailing commas (VS Code settings files are JSONC). */
export function parseJsonc(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && next === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
      i++;
    } else {
      out += c;
    }
  }
  out = out.replace(/,(\s*[}\]])/g, '$1');
  return out.trim() === '' ? {} : JSON.parse(out);
}

export function readUserSettings(settingsFile: string): Record<string, unknown> {
  if (!fs.existsSync(settingsFile)) return {};
  const parsed = parseJsonc(fs.readFileSync(settingsFile, 'utf8'));
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

/**
 * Kills the server's extension host process(es) with SIGKILL, as a crash does; the workbench starts
 * a new one by itself (it restarts a remote extension host that died, up to 3 times in 5 minutes).
 * Returns the pids killed. code-server has no "Restart Extension Host" command; this is the way a
 * test makes the extension host restart under a live workbench.
 */
export function killExtensionHost(server: CodeServer): number[] {
  const killed: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so read after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== server.process.pid) continue;
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args.includes('--type=extensionHost')) continue;
      process.kill(Number(entry), 'SIGKILL');
      killed.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return killed;
}

export interface InstallOptions {
  readonly stateDir: string;
  readonly vsix: string;
  readonly logFile?: string;
}

/** `code-server --install-extension file.vsix --force` into the state folder's extensions dir. */
export async function installExtension(options: InstallOptions): Promise<string> {
  assertInstalled();
  const dirs = stateDirs(options.stateDir);
  prepareDirs(dirs);
  const { stdout, stderr } = await execFileAsync(
    node24,
    [codeServerEntry, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', options.vsix, '--force'],
    { env: codeServerEnv(dirs), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const text = `${stdout}${stderr}`;
  if (options.logFile) fs.appendFileSync(options.logFile, text);
  return text;
}

export interface CodeServerOptions {
  /** Folder for all state. Default: a fresh temporary folder, deleted by stop(). */
  readonly stateDir?: string;
  readonly host?: string;
  /** Port to bind. 0 or absent: a free one. */
  readonly port?: number;
  /** When `port` is busy, use a free port instead of failing. */
  readonly fallbackToFreePort?: boolean;
  /**
   * Merged over the quiet defaults and written to User/settings.json, and also written to
   * Machine/settings.json: in code-server the extension host is remote, so settings with
   * `"scope": "machine"` (like aiTaskQueue.providers.openaiCompatible.baseUrl) are read only from
   * the Machine file and ignored in the User file.
   */
  readonly userSettings?: Record<string, unknown>;
  /** Keep keys the user already has in settings.json (persistent profiles); defaults only fill gaps. */
  readonly preserveExistingSettings?: boolean;
  /** Extra environment for code-server; its extension host inherits it. */
  readonly env?: Record<string, string | undefined>;
  /** Adds `--vscode-option enable-smoke-test-driver` (needed for extensionTestsPath payloads). */
  readonly smokeTestDriver?: boolean;
  /** Leave workspace trust on (default: disabled with --disable-workspace-trust). */
  readonly workspaceTrust?: boolean;
  /** Folder opened when the URL carries no ?folder=. */
  readonly workspace?: string;
  /** code-server's stdout and stderr go here (default: <stateDir>/code-server.log). */
  readonly logFile?: string;
  readonly extraArgs?: readonly string[];
  readonly readyTimeoutMs?: number;
}

export interface CodeServer {
  readonly host: string;
  readonly port: number;
  /** http://host:port */
  readonly origin: string;
  readonly dirs: StateDirs;
  readonly logFile: string;
  readonly process: GroupProcess;
  /** The workbench URL for `folder`, optionally with a test payload (extensionDevelopmentPath…). */
  workbenchUrl(folder?: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  /** vscode-remote://host:port/<abs path>: how the workbench names a path on this server. */
  remoteUri(absPath: string): string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  assertInstalled();
  const host = options.host ?? '127.0.0.1';
  const temporary = !options.stateDir;
  const root = options.stateDir ?? makeTempDir('atq-code-server-');
  const dirs = stateDirs(root);
  prepareDirs(dirs);

  let port = options.port ?? 0;
  if (port === 0) port = await freePort(host);
  else if (!(await isPortFree(port, host))) {
    if (!options.fallbackToFreePort) throw new Error(`port ${port} on ${host} is busy`);
    const requested = port;
    port = await freePort(host);
    console.log(`[code-server] port ${requested} is busy; using ${port} instead`);
  }

  fs.writeFileSync(dirs.configFile, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  // A persistent profile keeps the user's own settings files (comments and all) once they exist.
  const writeSettings = (file: string, settings: Record<string, unknown>): void => {
    if (options.preserveExistingSettings && fs.existsSync(file)) return;
    fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  };
  writeSettings(dirs.settingsFile, { ...QUIET_USER_SETTINGS, ...(options.userSettings ?? {}) });
  writeSettings(dirs.machineSettingsFile, { ...(options.userSettings ?? {}) });

  const args = [
    codeServerEntry,
    '--config', dirs.configFile,
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
  ];
  if (!options.workspaceTrust) args.push('--disable-workspace-trust');
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(...(options.extraArgs ?? []));
  if (options.workspace) args.push(options.workspace);

  const logFile = options.logFile ?? path.join(root, 'code-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const proc = spawnGroup(node24, args, { env: codeServerEnv(dirs, options.env), cwd: options.workspace ?? root, logFile });
  const origin = `http://${host}:${port}`;
  const stop = async (): Promise<void> => {
    await proc.stop();
    if (temporary) removeTempDir(root);
  };
  try {
    await waitForHttpOk(`${origin}/healthz`, options.readyTimeoutMs ?? 60_000, proc.exited);
  } catch (err) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    await stop();
    throw new Error(`code-server did not start: ${err instanceof Error ? err.message : String(err)}\n${tail}`);
  }

  const authority = `${host}:${port}`;
  return {
    host,
    port,
    origin,
    dirs,
    logFile,
    process: proc,
    remoteUri: (absPath) => `vscode-remote://${authority}${absPath}`,
    workbenchUrl: (folder, payload) => {
      const query: string[] = [];
      if (folder) query.push(`folder=${encodeURIComponent(folder)}`);
      if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
      return `${origin}/${query.length ? `?${query.join('&')}` : ''}`;
    },
    stop,
  };
}
