import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

// The CLI contract other scripts rely on: one JSON line with baseUrl on stdout, then serve until
// SIGTERM. The test runs the built bundle next to this one in out/.
const MAIN = path.resolve(__dirname, '../../fakes/fakeServerMain.js');

describe('fakeServerMain CLI (offline simulator)', () => {
  it('prints exactly one {"baseUrl"} line, serves the simulator, and exits on SIGTERM', async () => {
    const child = spawn(process.execPath, [MAIN, '--chunk-delay-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}`)));
      });
      const parsed = JSON.parse(first) as { baseUrl: string };
      assert.deepEqual(Object.keys(parsed), ['baseUrl']);
      assert.match(parsed.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);

      const models = (await (await fetch(`${parsed.baseUrl}/models`)).json()) as { data: { id: string }[] };
      assert.deepEqual(models.data.map((m) => m.id), ['simulator-echo']);
      const response = await fetch(`${parsed.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'simulator-echo', messages: [{ role: 'user', content: 'Hello' }] }),
      });
      const reply = (await response.json()) as { choices: { message: { content: string } }[] };
      assert.equal(reply.choices[0]?.message.content, '[offline simulator] Simulated reply to: Hello');

      const extra: string[] = [];
      lines.on('line', (line) => extra.push(line));
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
      assert.deepEqual(extra, [], 'nothing else on stdout');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
