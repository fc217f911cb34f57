// Whether the extension host is under pressure, from samples of its event-loop delay and heap.
// Under pressure the engine starts no new task and the views update less often; running tasks
// go on. Entering takes two bad samples in a row and leaving three good ones, so one slow frame
// does not throttle the queue and a recovery that is not one yet does not release it.
import { phrase, type Phrase } from '../domain/phrase';

export interface ResourceSample {
  /** The 99th percentile of event-loop delay over the last interval, in milliseconds. */
  readonly eventLoopDelayP99Ms: number;
  readonly heapUsedBytes: number;
  readonly heapLimitBytes: number;
}

export interface PressureThresholds {
  readonly enterDelayMs: number;
  readonly leaveDelayMs: number;
  /** Shares of the heap limit. */
  readonly enterHeapShare: number;
  readonly leaveHeapShare: number;
  readonly enterSamples: number;
  readonly leaveSamples: number;
}

export const DEFAULT_PRESSURE_THRESHOLDS: PressureThresholds = {
  enterDelayMs: 250,
  leaveDelayMs: 80,
  enterHeapShare: 0.85,
  leaveHeapShare: 0.75,
  enterSamples: 2,
  leaveSamples: 3,
};

export interface PressureState {
  readonly underPressure: boolean;
  /** For the status bar and the log, e.g. "event loop delayed 410 ms"; undefined when not under pressure. */
  readonly reason?: Phrase;
}

export class ResourcePressure {
  private state: PressureState = { underPressure: false };
  private badRun = 0;
  private goodRun = 0;

  constructor(private readonly thresholds: PressureThresholds = DEFAULT_PRESSURE_THRESHOLDS) {}

  get current(): PressureState {
    return this.state;
  }

  /** Takes one sample; returns the new state when it changed, undefined otherwise. */
  observe(sample: ResourceSample): PressureState | undefined {
    const t = this.thresholds;
    const heapShare = sample.heapLimitBytes > 0 ? sample.heapUsedBytes / sample.heapLimitBytes : 0;
    const bad = sample.eventLoopDelayP99Ms > t.enterDelayMs || heapShare > t.enterHeapShare;
    const good = sample.eventLoopDelayP99Ms < t.leaveDelayMs && heapShare < t.leaveHeapShare;
    this.badRun = bad ? this.badRun + 1 : 0;
    this.goodRun = good ? this.goodRun + 1 : 0;
    if (!this.state.underPressure && this.badRun >= t.enterSamples) {
      this.state = { underPressure: true, reason: describe(sample, heapShare, t) };
      return this.state;
    }
    if (this.state.underPressure && this.goodRun >= t.leaveSamples) {
      this.state = { underPressure: false };
      return this.state;
    }
    return undefined;
  }
}

function describe(sample: ResourceSample, heapShare: number, t: PressureThresholds): Phrase {
  const eventLoop = sample.eventLoopDelayP99Ms > t.enterDelayMs ? phrase('pressure.eventLoop', { ms: Math.round(sample.eventLoopDelayP99Ms) }) : undefined;
  const heap = heapShare > t.enterHeapShare ? phrase('pressure.heap', { percent: Math.round(heapShare * 100) }) : undefined;
  if (eventLoop && heap) return phrase('pressure.both', { eventLoop, heap });
  // Entered only when one of the two is over its threshold.
  return eventLoop ?? heap ?? phrase('pressure.heap', { percent: Math.round(heapShare * 100) });
}
