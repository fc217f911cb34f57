// Run as a child process by fileTaskStore.crash.test.ts (bundled at test time): opens the store,
// then saves batches forever, printing "ack N" after batch N is durable, until it is killed.
// Batch N puts task tN and the "counter" record (output "N") and removes t(N-40).
import { FileTaskStore } from '../../../src/persistence/fileTaskStore';
import { removedBy, storedTask } from '../helpers/storedTaskFixture';

async function main(): Promise<void> {
  const directory = process.argv[2];
  if (!directory) throw new Error('usage: storeWriterChild <dir>');
  const store = new FileTaskStore({
    directory,
    // Small, so folds into a new snapshot happen often and get killed in the middle too.
    compactAtChars: 48 * 1024,
    onProblem: (message) => {
      process.stderr.write(`store problem: ${message}\n`);
      process.exit(3);
    },
  });
  const loaded = await store.load();
  if (loaded.warnings.length > 0) {
    process.stderr.write(`warnings on load: ${loaded.warnings.join(' | ')}\n`);
    process.exit(2);
  }
  let n = Number(loaded.tasks.find((t) => t.id === 'counter')?.output ?? 0);
  process.stdout.write(`ready ${n}\n`);
  for (;;) {
    n += 1;
    await store.save({ put: [storedTask(`t${n}`, n), storedTask('counter', n, { output: String(n), status: 'running' })], remove: removedBy(n) });
    process.stdout.write(`ack ${n}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
