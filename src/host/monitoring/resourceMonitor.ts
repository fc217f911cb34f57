// Samples the extension host's own health every few seconds: the 99th percentile of event-loop
// delay over the interval (perf_hooks) and the heap against its limit (v8). What to make of the
// samples is core/limits/resourcePressure.ts's business; this only measures.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { ResourceSample } from '../../core/limits/resourcePressure';

export const RESOURCE_SAMPLE_INTERVAL_MS = 2_000;

export function startResourceMonitor(onSample: (sample: ResourceSample) => void, intervalMs = RESOURCE_SAMPLE_INTERVAL_MS): { dispose(): void } {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  const timer = setInterval(() => {
    const heap = getHeapStatistics();
    // The histogram is in nanoseconds.
    onSample({ eventLoopDelayP99Ms: histogram.percentile(99) / 1e6, heapUsedBytes: heap.used_heap_size, heapLimitBytes: heap.heap_size_limit });
    histogram.reset();
  }, intervalMs);
  timer.unref();
  return {
    dispose: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
