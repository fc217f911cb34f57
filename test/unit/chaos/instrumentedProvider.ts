// Wraps a real provider to measure, on the client side, how many requests were in flight at once
// per provider and overall, and whether one task ever had two requests in flight together.
import type { ChatProvider, ChatRequest, ModelInfo, StreamPart } from '../../../src/core/domain/chatProvider';

export class InFlightMeter {
  private total = 0;
  private readonly byProvider = new Map<string, number>();
  private readonly byTask = new Map<string, number>();
  maxTotal = 0;
  readonly maxByProvider = new Map<string, number>();
  readonly overlappingTasks = new Set<string>();

  enter(providerId: string, taskKey: string): void {
    this.total += 1;
    this.maxTotal = Math.max(this.maxTotal, this.total);
    const p = (this.byProvider.get(providerId) ?? 0) + 1;
    this.byProvider.set(providerId, p);
    this.maxByProvider.set(providerId, Math.max(this.maxByProvider.get(providerId) ?? 0, p));
    const t = (this.byTask.get(taskKey) ?? 0) + 1;
    this.byTask.set(taskKey, t);
    if (t > 1) this.overlappingTasks.add(taskKey);
  }

  leave(providerId: string, taskKey: string): void {
    this.total -= 1;
    this.byProvider.set(providerId, (this.byProvider.get(providerId) ?? 1) - 1);
    this.byTask.set(taskKey, (this.byTask.get(taskKey) ?? 1) - 1);
  }
}

export class InstrumentedProvider implements ChatProvider {
  readonly id: string;
  readonly label: string;
  readonly local: boolean;

  constructor(
    private readonly inner: ChatProvider,
    private readonly meter: InFlightMeter,
    private readonly taskKey: (request: ChatRequest) => string,
  ) {
    this.id = inner.id;
    this.label = inner.label;
    this.local = inner.local;
  }

  async *streamChat(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamPart> {
    const key = this.taskKey(request);
    this.meter.enter(this.id, key);
    try {
      yield* this.inner.streamChat(request, signal);
    } finally {
      this.meter.leave(this.id, key);
    }
  }

  listModels(signal: AbortSignal): Promise<readonly ModelInfo[]> {
    return this.inner.listModels(signal);
  }
}
