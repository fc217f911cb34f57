// One ProviderGovernor per provider, made on first use with the user's limits for it. The engine's
// scheduler asks them for readiness and slots; settings changes reach every governor here.
import type { Clock } from '../domain/clock';
import { DEFAULT_BREAKER_OPTIONS, type CircuitBreaker, type CircuitBreakerOptions } from './circuitBreaker';
import { DEFAULT_GOVERNOR_DEFAULTS, ProviderGovernor, type GovernorDefaults } from './providerGovernor';
import type { ProviderLimitsById } from './providerLimits';

export interface ProviderGovernorsOptions {
  readonly clock: Clock;
  readonly breaker?: CircuitBreakerOptions;
  readonly defaults?: Partial<GovernorDefaults>;
  /** Whether a provider is a local server (no rate limits of its own; a few requests at once). */
  readonly isLocal: (providerId: string) => boolean;
  /** A governor's answer may have changed earlier than expected: the scheduler looks again. */
  readonly onChange: () => void;
}

export class ProviderGovernors {
  private readonly governors = new Map<string, ProviderGovernor>();
  private limitsById: ProviderLimitsById = {};
  private readonly defaults: GovernorDefaults;

  constructor(private readonly options: ProviderGovernorsOptions) {
    this.defaults = { ...DEFAULT_GOVERNOR_DEFAULTS, ...options.defaults };
  }

  setLimits(limitsById: ProviderLimitsById): void {
    this.limitsById = limitsById;
    for (const [providerId, governor] of this.governors) governor.apply(limitsById[providerId] ?? {});
    this.options.onChange();
  }

  breaker(providerId: string): CircuitBreaker {
    return this.governor(providerId).breaker;
  }

  governor(providerId: string): ProviderGovernor {
    let governor = this.governors.get(providerId);
    if (!governor) {
      const { clock, breaker, isLocal, onChange } = this.options;
      governor = new ProviderGovernor(providerId, isLocal(providerId), clock, breaker ?? DEFAULT_BREAKER_OPTIONS, this.defaults, onChange);
      governor.apply(this.limitsById[providerId] ?? {});
      this.governors.set(providerId, governor);
    }
    return governor;
  }
}
