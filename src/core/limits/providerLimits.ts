// Per-provider limits as the `aiTaskQueue.providerLimits` setting states them, validated here so
// the engine never sees a negative, fractional or misspelled limit.

export interface ProviderLimits {
  /** Requests in flight at once for this provider (on top of the global limit). */
  readonly concurrency?: number;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

export type ProviderLimitsById = Readonly<Record<string, ProviderLimits>>;

/** Keeps valid entries and fields; anything malformed is dropped rather than guessed at. */
export function parseProviderLimits(raw: unknown): ProviderLimitsById {
  if (!isRecord(raw)) return {};
  const out: Record<string, ProviderLimits> = {};
  for (const [providerId, value] of Object.entries(raw)) {
    if (!isRecord(value)) continue;
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
