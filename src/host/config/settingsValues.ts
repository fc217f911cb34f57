// The pure half of reading settings (no vscode import, unit-tested in plain Node): every value is
// checked against the range package.json declares. A value outside it (or of the wrong type) is
// still replaced, as before, by the nearest allowed one (the default for a non-number, since the
// minimum would turn a typo in "timeoutSeconds" into a 5 s limit), but now it is also reported as
// a problem naming the setting, the bad value and the value used, for the host to show once.
import * as l10n from '@vscode/l10n';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../core/history/historyRetention';
import { parseProviderLimits, type ProviderLimitsById } from '../../core/limits/providerLimits';
import { parsePriceOverrides } from '../../core/usage/priceOverrides';
import type { ModelPrice } from '../../core/usage/pricingTable';
import { SETTINGS_SECTION, VSCODE_LM_PROVIDER_ID } from '../../shared/ids';
import { parseCostSettings, type CostSettings } from './costSettings';
import { PROVIDER_PRESETS } from '../../providers/presets/providerPresets';
import { PRIORITIES, type Priority } from '../../shared/taskVocabulary';
import { phraseText } from '../../views/format/phraseText';

export interface ProviderSettings {
  readonly enabled: boolean;
  readonly baseUrl: string;
  readonly model: string;
}

export interface SettingsValues {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly defaultPriority: Priority;
  readonly defaultProvider: string;
  readonly maxOutputTokens?: number;
  /** Price overrides per model id or prefix, USD per 1M tokens. */
  readonly pricing: Readonly<Record<string, ModelPrice>>;
  /** Re-run tasks interrupted by the last shutdown as soon as the window opens. */
  readonly resumeInterruptedOnStartup: boolean;
  readonly history: RetentionPolicy;
  /** Attempts per task, including the first (1–10). */
  readonly maxAttempts: number;
  /** Undefined when the idle timeout is off (setting 0). */
  readonly idleTimeoutMs?: number;
  /** Cap on one task's waits between attempts, together (and so on any single wait). */
  readonly maxRetryWaitMs: number;
  readonly providerLimits: ProviderLimitsById;
  readonly pauseOnFailure: boolean;
  /** Provider batches: offer them when a batch is launched; the shortest interval between two checks. */
  readonly providerBatch: { readonly offer: boolean; readonly pollMs: number };
}

export interface Settings extends SettingsValues, CostSettings {
  /** Where the price overrides come from, for the statistics ("workspace" only in a trusted workspace). */
  readonly pricingScope: 'none' | 'user' | 'workspace';
  /** The tree shows batches and comparisons as one node each ("batch"), or every task under its status. */
  readonly treeGroupBy: 'batch' | 'status';
  provider(providerId: string): ProviderSettings;
}

/** One setting whose value could not be used as written. `message` names it, the value and what is used. */
export interface SettingProblem {
  /** The full setting id, e.g. "aiTaskQueue.concurrency". */
  readonly setting: string;
  readonly message: string;
}

/** A whole-number setting and its range, as package.json declares them. */
export interface IntSettingSpec {
  /** Below the section, e.g. "concurrency". */
  readonly key: string;
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
}

export const INT_SETTINGS = {
  concurrency: { key: 'concurrency', defaultValue: 64, min: 1, max: 256 },
  timeoutSeconds: { key: 'timeoutSeconds', defaultValue: 300, min: 5, max: 3600 },
  maxAttempts: { key: 'maxAttempts', defaultValue: 3, min: 1, max: 10 },
  idleTimeoutSeconds: { key: 'idleTimeoutSeconds', defaultValue: 60, min: 0, max: 3600 },
  maxRetryWaitSeconds: { key: 'maxRetryWaitSeconds', defaultValue: 60, min: 0, max: 3600 },
  historyMaxAgeDays: { key: 'history.maxAgeDays', defaultValue: DEFAULT_RETENTION.maxAgeDays, min: 1, max: 3650 },
  historyMaxTasks: { key: 'history.maxTasks', defaultValue: DEFAULT_RETENTION.maxTasks, min: 1, max: 100_000 },
  // The providers advise checking a batch no more often than once a minute (Anthropic's examples poll every 60 s).
  providerBatchPollSeconds: { key: 'providerBatch.pollSeconds', defaultValue: 60, min: 60, max: 3600 },
} as const satisfies Record<string, IntSettingSpec>;

/**
 * What a provider's three settings default to, per provider id: the preset table's URL and model,
 * and which providers are on out of the box. package.json declares the same values (a unit test
 * compares them), so VS Code and this code never disagree about an unset setting.
 */
export const PROVIDER_SETTING_DEFAULTS: Readonly<Record<string, ProviderSettings>> = Object.freeze({
  ...Object.fromEntries(PROVIDER_PRESETS.map((p) => [p.id, { enabled: p.enabledByDefault, baseUrl: p.defaultBaseUrl, model: p.defaultModel }])),
  // VS Code's own models: no URL; an empty model picks the first one available.
  [VSCODE_LM_PROVIDER_ID]: { enabled: true, baseUrl: '', model: '' },
});

/** maxOutputTokens is null (no limit) or a whole number in this range. */
export const MAX_OUTPUT_TOKENS_RANGE = { min: 1, max: 1_000_000 } as const;

/** Reads one setting's effective value (below the section); undefined when nothing sets it. */
export type SettingReader = (key: string) => unknown;

export function parseSettings(read: SettingReader): { readonly values: SettingsValues; readonly problems: readonly SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const report = (key: string, message: string): void => void problems.push({ setting: fullName(key), message: `"${fullName(key)}" ${message}` });
  const int = (spec: IntSettingSpec): number => readInt(read(spec.key), spec, (m) => report(spec.key, m));
  const idleTimeoutSeconds = int(INT_SETTINGS.idleTimeoutSeconds);
  const maxOutputTokens = readMaxOutputTokens(read('maxOutputTokens'), (m) => report('maxOutputTokens', m));
  const values: SettingsValues = {
    concurrency: int(INT_SETTINGS.concurrency),
    timeoutMs: int(INT_SETTINGS.timeoutSeconds) * 1000,
    defaultPriority: readPriority(read('defaultPriority'), (m) => report('defaultPriority', m)),
    defaultProvider: readString(read('defaultProvider'), 'openaiCompatible'),
    ...(maxOutputTokens !== undefined && { maxOutputTokens }),
    pricing: parsePriceOverrides(read('pricing') ?? {}, (model) => report('pricing', l10n.t('has an entry for "{0}" that is not {1} in USD per 1M tokens (each 0 or more); it is ignored.', model, '{ "input": n, "output": n }'))),
    resumeInterruptedOnStartup: read('resumeInterruptedOnStartup') === true,
    history: { maxAgeDays: int(INT_SETTINGS.historyMaxAgeDays), maxTasks: int(INT_SETTINGS.historyMaxTasks) },
    maxAttempts: int(INT_SETTINGS.maxAttempts),
    ...(idleTimeoutSeconds > 0 && { idleTimeoutMs: idleTimeoutSeconds * 1000 }),
    maxRetryWaitMs: int(INT_SETTINGS.maxRetryWaitSeconds) * 1000,
    providerLimits: parseProviderLimits(read('providerLimits') ?? {}, (path, value, expected) => report('providerLimits', l10n.t('has {0} = {1}, which is not {2}; it is ignored.', path, show(value), phraseText(expected)))),
    pauseOnFailure: read('pauseOnFailure') === true,
    providerBatch: { offer: read('providerBatch.offer') !== false, pollMs: int(INT_SETTINGS.providerBatchPollSeconds) * 1000 },
  };
  return { values, problems };
}

/**
 * Every setting the extension reads, from one key → value function: what readSettings builds from
 * VS Code's configuration, minus where the price overrides come from (that needs VS Code's
 * inspect()). Unit tests call it with package.json's defaults to prove the two agree.
 */
export function parseAllSettings(read: SettingReader): { readonly settings: Omit<Settings, 'pricingScope'>; readonly problems: readonly SettingProblem[] } {
  const { values, problems } = parseSettings(read);
  return {
    settings: {
      ...values,
      ...parseCostSettings(read),
      treeGroupBy: read('tree.groupBy') === 'status' ? 'status' : 'batch',
      provider: (providerId) => readProvider(read, providerId),
    },
    problems,
  };
}

function readProvider(read: SettingReader, providerId: string): ProviderSettings {
  const defaults = PROVIDER_SETTING_DEFAULTS[providerId] ?? { enabled: false, baseUrl: '', model: '' };
  const enabled = read(`providers.${providerId}.enabled`);
  return {
    enabled: typeof enabled === 'boolean' ? enabled : defaults.enabled,
    baseUrl: readString(read(`providers.${providerId}.baseUrl`), defaults.baseUrl).trim(),
    model: readString(read(`providers.${providerId}.model`), defaults.model).trim(),
  };
}

function readInt(raw: unknown, spec: IntSettingSpec, report: (message: string) => void): number {
  const allowed = l10n.t('(allowed {0}–{1})', spec.min, spec.max);
  if (raw === undefined) return spec.defaultValue;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    report(l10n.t('is {0}, not a number; using the default, {1} {2}.', show(raw), spec.defaultValue, allowed));
    return spec.defaultValue;
  }
  const used = Math.min(spec.max, Math.max(spec.min, Math.round(raw)));
  if (used !== raw) report(l10n.t('is {0}; using {1} {2}.', show(raw), used, allowed));
  return used;
}

function readMaxOutputTokens(raw: unknown, report: (message: string) => void): number | undefined {
  const { min, max } = MAX_OUTPUT_TOKENS_RANGE;
  const allowed = l10n.t("(allowed {0}–{1}, or null for the model's own limit)", min, max);
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < min) {
    report(l10n.t('is {0}; using no limit {1}.', show(raw), allowed));
    return undefined;
  }
  const used = Math.min(max, Math.round(raw));
  if (used !== raw) report(l10n.t('is {0}; using {1} {2}.', show(raw), used, allowed));
  return used;
}

function readPriority(raw: unknown, report: (message: string) => void): Priority {
  if (raw === undefined) return 'normal';
  if (typeof raw === 'string' && (PRIORITIES as readonly string[]).includes(raw)) return raw as Priority;
  report(l10n.t('is {0}; using "normal" (allowed {1}).', show(raw), PRIORITIES.join(', ')));
  return 'normal';
}

function readString(raw: unknown, fallback: string): string {
  return typeof raw === 'string' ? raw : fallback;
}

function fullName(key: string): string {
  return `${SETTINGS_SECTION}.${key}`;
}

/** A value as it appears in settings.json, cut short: settings are user text. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
