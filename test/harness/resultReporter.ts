// A mocha reporter that prints the usual spec output AND records the counts: it writes
// `--reporter-option out=<file>` (JSON, see results.ts) and prints `<SUITE>-RESULT {...}` where
// SUITE comes from `--reporter-option suite=<name>` (default "mocha").
// Compiled to out/test/harness/resultReporter.js; mocha loads it with require() and wants the class
// itself as module.exports, hence `export =`.
import * as Mocha from 'mocha';
import { countRunner, resultLine, writeSuiteResult } from './results';

class ResultReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const reporterOptions = (options?.reporterOptions ?? {}) as Record<string, string | undefined>;
    const suite = reporterOptions.suite ?? 'mocha';
    const out = reporterOptions.out;
    const started = Date.now();
    const counts = countRunner(runner);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const final = counts();
      if (out) writeSuiteResult(out, { suite, ...final, durationMs: Date.now() - started });
      // After the spec epilogue (which also runs on EVENT_RUN_END, registered first).
      process.nextTick(() => console.log(resultLine(suite, final)));
    });
  }
}

export = ResultReporter;
