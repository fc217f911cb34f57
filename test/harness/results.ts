// The machine-readable result every suite leaves behind: test-results/<suite>.result.json with
// pass/fail/skip counts, and a `<SUITE>-RESULT {json}` line on stdout. scripts/summarize.js totals them.
import * as fs from 'fs';
import * as path from 'path';

export interface SuiteCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface SuiteResult extends SuiteCounts {
  readonly suite: string;
  readonly durationMs?: number;
  readonly note?: string;
}

export const RESULT_LINE = /^([A-Z0-9-]+)-RESULT (\{.*\})\s*$/;

export function writeSuiteResult(file: string, result: SuiteResult): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

export function resultLine(suite: string, counts: SuiteCounts): string {
  return `${suite.toUpperCase()}-RESULT ${JSON.stringify({ passed: counts.passed, failed: counts.failed, skipped: counts.skipped })}`;
}

/** Finds the last `<SUITE>-RESULT {...}` line for `suite` in `text`. */
export function parseResultLine(text: string, suite: string): SuiteCounts | undefined {
  let found: SuiteCounts | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = RESULT_LINE.exec(line.trim());
    if (!match || match[1] !== suite.toUpperCase()) continue;
    try {
      const parsed = JSON.parse(match[2] as string) as Partial<SuiteCounts>;
      found = { passed: Number(parsed.passed) || 0, failed: Number(parsed.failed) || 0, skipped: Number(parsed.skipped) || 0 };
    } catch {
      // malformed; ignore
    }
  }
  return found;
}

/** The subset of a mocha Runner this needs (keeps mocha's types out of the extension-host bundle). */
interface RunnerLike {
  readonly total: number;
  on(event: string, listener: (item: { type?: string }) => void): unknown;
  readonly stats?: { failures: number };
}

/**
 * Counts a mocha run as the summary wants it: failed = mocha's failures (a failing hook counts
 * too), skipped = pending tests plus tests that never ran because a hook failed or bail stopped
 * the run, so a crashed suite cannot look smaller than it is.
 */
export function countRunner(runner: RunnerLike): () => SuiteCounts {
  let passed = 0;
  let pending = 0;
  let failedTests = 0;
  runner.on('pass', () => (passed += 1));
  runner.on('pending', () => (pending += 1));
  runner.on('fail', (item) => {
    if (item.type === 'test') failedTests += 1;
  });
  return () => {
    const failed = runner.stats?.failures ?? failedTests;
    const notRun = Math.max(0, runner.total - passed - pending - failedTests);
    return { passed, failed, skipped: pending + notRun };
  };
}
