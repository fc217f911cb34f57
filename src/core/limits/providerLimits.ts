// Per-provider limits as the `aiTaskQueue.providerLimits` setting states them, validated here so
// the engine never sees a negative, fractional or misspelled limit.
import { phrase, type Phrase } from '../domain/phrase';

export interface ProviderLimits {
  /** Requests in flight at once for this provider (on top of the global limit). */
  readonly concurrency?: number;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

export type ProviderLimitsById = Readonly<Record<string, ProviderLimits>>;

const FIELDS = ['concurrency', 'requestsPerMinute', 'tokensPerMinute'] as const;

/**
 * Called for each part that is dropped: `path` as `"openai"` or `"openai".concurrency`, the value
 * found there, and what was expected instead (e.g. "a number above 0").
 */
export type InvalidLimit = (path: string, value: unknown, expected: Phrase) => void;

/** Keeps valid entries and fields; anything malformed is dropped rather than guessed at, and reported. */
export function parseProviderLimits(raw: unknown, onInvalid: InvalidLimit = () => undefined): ProviderLimitsById {
  if (!isRecord(raw)) return {};
  const out: Record<string, ProviderLimits> = {};
  for (const [providerId, value] of Object.entries(raw)) {
    const path = JSON.stringify(providerId);
    if (!isRecord(value)) {
      onInvalid(path, value, phrase('limits.expected.object', {}));
      continue;
    }
    for (const [field, fieldValue] of Object.entries(value)) {
      const known = (FIELDS as readonly string[]).includes(field);
      if (!known) onInvalid(`${path}.${field}`, fieldValue, phrase('limits.expected.knownLimit', { fields: FIELDS.join(', ') }));
      else if (positive(fieldValue, false) === undefined) onInvalid(`${path}.${field}`, fieldValue, phrase('limits.expected.positive', {}));
    }
    const concurrency = positive(value.concurrency, true);
    const requestsPerMinute = positive(value.requestsPerMinute, false);
    const tokensPerMinute = positive(value.tokensPerMinute, false);
    const limits: ProviderLimits = {
      ...(concurrency !== undefined && { concurrency }),
      ...(requestsPerMinute !== undefined && { requestsPerMinute }),
      ...(tokensPerMinute !== undefined && { tokensPerMinute }),
    };
    if (Object.keys(limits).length > 0) out[providerId] = limits;
  }
  return out;
}

function positive(value: unknown, integer: boolean): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return integer ? Math.max(1, Math.floor(value)) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
