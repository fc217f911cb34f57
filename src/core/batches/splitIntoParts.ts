// A job larger than one provider batch may hold (reference §5: 50,000 requests / 200 MB for
// OpenAI, 100,000 / 256 MB for Anthropic) is split into several provider batches that show as one
// job. Requests keep their order; each batch is filled as far as the limits allow, so the fewest
// batches are made. A request that alone exceeds the byte limit cannot be sent at all and is named.
import type { BatchLimits } from '../domain/providerBatchApi';

export interface SizedRequest {
  readonly customId: string;
  readonly model: string;
  /** UTF-8 bytes of the encoded request. */
  readonly bytes: number;
}

export interface PlannedPart {
  readonly customIds: readonly string[];
  /** Bytes of the body the part will send, overheads included. */
  readonly bytes: number;
}

export interface SplitPlan {
  readonly parts: readonly PlannedPart[];
  /** Requests too large for any batch of this provider. */
  readonly oversized: readonly string[];
}

export function splitIntoParts(requests: readonly SizedRequest[], limits: BatchLimits): SplitPlan {
  const groups = new Map<string, SizedRequest[]>();
  for (const request of requests) {
    const key = limits.oneModelPerBatch ? request.model : '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(request);
  }
  const parts: PlannedPart[] = [];
  const oversized: string[] = [];
  for (const group of groups.values()) {
    let ids: string[] = [];
    let bytes = limits.fixedOverheadBytes;
    for (const request of group) {
      const size = request.bytes + limits.perEntryOverheadBytes;
      if (limits.fixedOverheadBytes + size > limits.maxBytes) {
        oversized.push(request.customId);
        continue;
      }
      if (ids.length > 0 && (ids.length >= limits.maxRequests || bytes + size > limits.maxBytes)) {
        parts.push({ customIds: ids, bytes });
        ids = [];
        bytes = limits.fixedOverheadBytes;
      }
      ids.push(request.customId);
      bytes += size;
    }
    if (ids.length > 0) parts.push({ customIds: ids, bytes });
  }
  return { parts, oversized };
}
