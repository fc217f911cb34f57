// Vendors send rate-limit headers on some responses and not others; a snapshot keeps only the
// figures that were actually present, and "no figures" means no snapshot at all.
import type { RateLimitSnapshot } from '../../core/domain/chatProvider';

export type RateLimitFields = Record<Exclude<keyof RateLimitSnapshot, 'inputTokensOnly'>, number | undefined>;

export function compactRateLimits(fields: RateLimitFields): RateLimitSnapshot | undefined {
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && Number.isFinite(v)));
  return Object.keys(present).length > 0 ? present : undefined;
}

/** A non-negative integer header value, or undefined. */
export function readCountHeader(headers: Headers, name: string): number | undefined {
  const text = headers.get(name)?.trim();
  if (!text || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}
