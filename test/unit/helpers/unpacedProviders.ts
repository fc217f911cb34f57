// Engine options for tests that are not about pacing: remote providers start unpaced (no slow
// start) and local ones have no in-flight cap of their own, so only what a test sets applies.
import type { GovernorDefaults } from '../../../src/core/limits/providerGovernor';

export const UNPACED: Partial<GovernorDefaults> = { startRequestsPerSecond: Infinity, localConcurrency: Infinity };
