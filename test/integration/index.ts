// Entry point loaded by the VS Code extension host (the `extensionTestsPath` of the test payload,
// like @vscode/test-electron's): runs every compiled *.test.js in this folder with mocha and
// reports the counts as one machine-readable line, which reaches the harness through the
// workbench's codeAutomationLog: INTEGRATION-RESULT {"passed":N,"failed":M,"skipped":K}
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { countRunner } from '../harness/results';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000, slow: 10_000 });
  const grep = process.env.ATQ_INTEGRATION_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  const counts = await new Promise<{ passed: number; failed: number; skipped: number }>((resolve, reject) => {
    try {
      // mocha.run() returns the runner synchronously, before any test event fires.
      let counts: () => { passed: number; failed: number; skipped: number } = () => ({ passed: 0, failed: 0, skipped: 0 });
      const runner = mocha.run(() => resolve(counts()));
      counts = countRunner(runner);
    } catch (err) {
      reject(err);
    }
  });
  console.log(`INTEGRATION-RESULT ${JSON.stringify(counts)}`);
  // Console output travels to the workbench asynchronously; let it arrive before the host exits.
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
}
