// The contract between integrationMain (which starts code-server) and the in-host provider tests
// (test/integration/providers.test.ts, keySecrecy.test.ts, vscodeLm.test.ts). Base URLs are
// machine-scoped settings, read only from the Machine settings file written before the window
// opens, so the harness picks the fakes' ports up front and the tests start the fakes (inside the
// extension host, where they can script faults per request) on exactly those ports.
import * as path from 'path';
import { repoRoot } from './paths';

/** JSON {@link IntegrationFakePorts} for the extension host. */
export const INTEGRATION_FAKES_ENV = 'ATQ_INTEGRATION_FAKES';
/** The code-server state folder (user-data-dir, extensions, XDG dirs), for the key-secrecy scan. */
export const CODE_SERVER_STATE_DIR_ENV = 'ATQ_CODE_SERVER_STATE_DIR';

/** A second extensionDevelopmentPath: declares the `atq-test` language model vendor for vscodeLm.test.ts. */
export const LM_VENDOR_FIXTURE_PATH = path.join(repoRoot, 'test', 'integration', 'fixtures', 'lm-vendor');
export const LM_VENDOR_FIXTURE_ID = 'ai-task-queue-tests.lm-vendor-fixture';

export interface IntegrationFakePorts {
  /** Fake OpenAI (Chat Completions at /v1), configured as provider `openai`. */
  readonly openai: number;
  /** Fake Anthropic Messages API, provider `anthropic`. */
  readonly anthropic: number;
  /** Fake native Ollama API (/api/chat, /api/tags), provider `ollama`. */
  readonly ollama: number;
  /** Nothing listens here: provider `lmstudio` points at it (connection refused). */
  readonly unreachable: number;
}

/** Default models the settings name; each fake serves them. */
export const INTEGRATION_MODELS = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  ollama: 'llama3.2',
} as const;

export function fakeBaseUrls(ports: IntegrationFakePorts): { openai: string; anthropic: string; ollama: string; unreachable: string } {
  return {
    openai: `http://127.0.0.1:${ports.openai}/v1`,
    anthropic: `http://127.0.0.1:${ports.anthropic}`,
    ollama: `http://127.0.0.1:${ports.ollama}`,
    unreachable: `http://127.0.0.1:${ports.unreachable}/v1`,
  };
}

/** User + Machine settings that enable every provider kind and point each at its fake. */
export function integrationProviderSettings(ports: IntegrationFakePorts): Record<string, unknown> {
  const urls = fakeBaseUrls(ports);
  return {
    'aiTaskQueue.providers.openai.enabled': true,
    'aiTaskQueue.providers.openai.baseUrl': urls.openai,
    'aiTaskQueue.providers.openai.model': INTEGRATION_MODELS.openai,
    'aiTaskQueue.providers.anthropic.enabled': true,
    'aiTaskQueue.providers.anthropic.baseUrl': urls.anthropic,
    'aiTaskQueue.providers.anthropic.model': INTEGRATION_MODELS.anthropic,
    'aiTaskQueue.providers.ollama.enabled': true,
    'aiTaskQueue.providers.ollama.baseUrl': urls.ollama,
    'aiTaskQueue.providers.ollama.model': INTEGRATION_MODELS.ollama,
    'aiTaskQueue.providers.lmstudio.enabled': true,
    'aiTaskQueue.providers.lmstudio.baseUrl': urls.unreachable,
    'aiTaskQueue.providers.vscodeLm.enabled': true,
  };
}

/** Inside the extension host: the ports the harness chose, or undefined when run without them. */
export function readIntegrationFakePorts(env: NodeJS.ProcessEnv = process.env): IntegrationFakePorts | undefined {
  const raw = env[INTEGRATION_FAKES_ENV];
  if (!raw) return undefined;
  const parsed = JSON.parse(raw) as Partial<IntegrationFakePorts>;
  for (const key of ['openai', 'anthropic', 'ollama', 'unreachable'] as const) {
    if (typeof parsed[key] !== 'number') throw new Error(`${INTEGRATION_FAKES_ENV} has no port for ${key}: ${raw}`);
  }
  return parsed as IntegrationFakePorts;
}
