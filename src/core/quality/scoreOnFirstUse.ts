// The score function, loaded on its first call: the checks bring Ajv, whose set-up costs about 30 ms
// (measured, bundled and minified) that activating the extension should not pay when no task has
// checks. A synchronous require of the bundled module keeps the engine's completion path synchronous.
import type { QualityCheck, QualityScore } from '../domain/quality';

type ScoreOutput = (checks: readonly QualityCheck[] | undefined, output: string) => QualityScore | undefined;

let loaded: ScoreOutput | undefined;

export function scoreOnFirstUse(checks: readonly QualityCheck[], output: string): QualityScore | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  loaded ??= (require('./qualityChecks') as typeof import('./qualityChecks')).scoreOutput;
  return loaded(checks, output);
}
