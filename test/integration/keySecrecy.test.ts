// API keys never leave SecretStorage, inside the real extension host: with recognisable per-run
// keys set for every provider that takes one, tasks run through every provider and through the
// error paths that tend to leak (a 401 whose body echoes the key, 429 and 500 bodies and a
// mid-stream error that echo it, connection refused, a timeout, a model reply that repeats it).
// Then the log, everything posted to the output panel, the public task list and every file
// code-server stored for this run are searched for each key and for the run's random marker that
// every key contains: zero hits.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { AiTaskQueueTestApi } from '../../src/api/extensionApi';
import type { TaskView } from '../../src/shared/protocol';
import { CODE_SERVER_STATE_DIR_ENV } from '../harness/integrationFakes';
import { resultsDir } from '../harness/paths';
import { activateApi, describeFailure, FAKE_MODELS, providerFakes, runShown, setRunKeys, type ProviderFakes, type ShownRun } from './providerFakes';

interface Needle {
  readonly name: string;
  readonly value: string;
}

interface Hit {
  readonly where: string;
  readonly needle: string;
  readonly context: string;
}

/** Where a needle occurs, with the needle itself masked in the quoted context. */
function findIn(where: string, text: string, needles: readonly Needle[]): Hit[] {
  const hits: Hit[] = [];
  for (const needle of needles) {
    let at = text.indexOf(needle.value);
    while (at >= 0 && hits.length < 50) {
      const context = text.slice(Math.max(0, at - 60), at + needle.value.length + 60);
      hits.push({ where, needle: needle.name, context: context.split(needle.value).join(`<${needle.name}>`) });
      at = text.indexOf(needle.value, at + 1);
    }
  }
  return hits;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

/** Every file under `root`, searched as UTF-8 and as UTF-16LE (SQLite and some stores use it). */
function findInFiles(root: string, needles: readonly Needle[]): { files: number; hits: Hit[] } {
  const hits: Hit[] = [];
  const files = listFiles(root);
  for (const file of files) {
    let data: Buffer;
    try {
      if (fs.statSync(file).size > 64 * 1024 * 1024) continue;
      data = fs.readFileSync(file);
    } catch {
      continue; // a file that vanished while we looked
    }
    for (const needle of needles) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        const at = data.indexOf(Buffer.from(needle.value, encoding));
        if (at >= 0) {
          const context = data.subarray(Math.max(0, at - 80), at + 80).toString(encoding).split(needle.value).join(`<${needle.name}>`);
          hits.push({ where: `${path.relative(root, file)} (${encoding})`, needle: needle.name, context });
        }
      }
    }
  }
  return { files: files.length, hits };
}

function formatHits(hits: readonly Hit[]): string {
  return hits.map((h) => `  ${h.where}: ${h.needle} in …${JSON.stringify(h.context)}…`).join('\n');
}

describe('API keys stay secret across every provider and error path (real extension host)', function () {
  this.timeout(90_000);
  let api: AiTaskQueueTestApi;
  let fakes: ProviderFakes;
  let needles: Needle[];
  const runs: ShownRun[] = [];

  before(async function () {
    api = await activateApi();
    fakes = await providerFakes();
    await setRunKeys(api, fakes.keys);
    needles = [...Object.entries(fakes.keys).map(([name, value]) => ({ name: `key:${name}`, value })), { name: 'run marker (part of every key)', value: fakes.runMarker }];
  });

  const run = async (...args: Parameters<typeof runShown> extends [unknown, ...infer R] ? R : never): Promise<ShownRun> => {
    const result = await runShown(api, ...args);
    runs.push(result);
    return result;
  };

  it('sends each key only where it belongs while tasks run on every provider', async function () {
    const stamp = Date.now();
    const openai = await run({ prompt: `secrecy openai ${stamp}`, providerId: 'openai', model: 'gpt-4o-mini' });
    const anthropic = await run({ prompt: `secrecy anthropic ${stamp}`, providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    const ollama = await run({ prompt: `secrecy ollama ${stamp}`, providerId: 'ollama', model: FAKE_MODELS.ollama[0] });
    const compatible = await run({ prompt: `secrecy compatible ${stamp}`, providerId: 'openaiCompatible', model: 'fake-model' });
    for (const r of [openai, anthropic, ollama, compatible]) assert.strictEqual(r.task.status, 'completed', `${r.task.providerId}: ${describeFailure(r.task)}`);
    // The keys really were in play: on the wire, to their own server only.
    const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];
    assert.strictEqual(last(fakes.openai.requests)?.headers.authorization, `Bearer ${fakes.keys.openai}`);
    assert.strictEqual(last(fakes.anthropic.requests)?.headers['x-api-key'], fakes.keys.anthropic);
    assert.strictEqual(last(fakes.ollama.requests)?.headers.authorization, `Bearer ${fakes.keys.ollama}`, 'a key stored for Ollama (e.g. behind a proxy) is sent as a Bearer token');
    for (const [server, own] of [
      [fakes.openai, fakes.keys.openai],
      [fakes.anthropic, fakes.keys.anthropic],
      [fakes.ollama, fakes.keys.ollama],
    ] as const) {
      for (const request of server.requests) {
        const others = needles.filter((n) => n.value !== own && n.value !== fakes.runMarker && n.value !== fakes.keys.openaiWrong);
        assert.deepStrictEqual(findIn(request.path, JSON.stringify(request), others), [], 'another provider\'s key was sent to this server');
      }
    }
  });

  it('401 from OpenAI that echoes the (wrong) key in full: fails AUTH, key blanked', async function () {
    await api.setApiKey('openai', fakes.keys.openaiWrong);
    try {
      const r = await run({ prompt: `secrecy 401 openai ${Date.now()}`, providerId: 'openai', model: 'gpt-4o-mini' });
      assert.strictEqual(r.task.status, 'failed');
      assert.strictEqual(r.task.error?.code, 'AUTH', describeFailure(r.task));
      const sent = fakes.openai.requests[fakes.openai.requests.length - 1];
      assert.strictEqual(sent?.headers.authorization, `Bearer ${fakes.keys.openaiWrong}`, 'the wrong key was not the one sent, so nothing was echoed');
    } finally {
      await api.setApiKey('openai', fakes.keys.openai);
    }
  });

  it('401 from Anthropic whose message echoes the key: fails AUTH, key blanked', async function () {
    fakes.anthropic.enqueue({ kind: 'error', status: 401, errorType: 'authentication_error', message: `invalid x-api-key: ${fakes.keys.anthropic}` });
    const r = await run({ prompt: `secrecy 401 anthropic ${Date.now()}`, providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    assert.strictEqual(r.task.error?.code, 'AUTH', describeFailure(r.task));
  });

  it('429 and 500 bodies that echo the key are retried and the task completes', async function () {
    fakes.openai.enqueue({ kind: 'error', status: 429, error: { message: `Rate limit reached for key ${fakes.keys.openai}; try again in 50ms.`, code: 'rate_limit_exceeded' }, headers: { 'retry-after-ms': '50' } });
    const limited = await run({ prompt: `secrecy 429 ${Date.now()}`, providerId: 'openai', model: 'gpt-4o-mini' });
    assert.strictEqual(limited.task.status, 'completed', describeFailure(limited.task));
    assert.strictEqual(limited.task.attempts, 2, 'the 429 attempt did not happen (or was not retried)');

    fakes.ollama.enqueue({ kind: 'error', status: 500, message: `internal error while checking token ${fakes.keys.ollama}` });
    const crashed = await run({ prompt: `secrecy 500 ${Date.now()}`, providerId: 'ollama', model: FAKE_MODELS.ollama[0] });
    assert.strictEqual(crashed.task.status, 'completed', describeFailure(crashed.task));
    assert.strictEqual(crashed.task.attempts, 2, 'the 500 attempt did not happen (or was not retried)');
  });

  it('mid-stream errors that echo the key (OpenAI data: {"error"}, Anthropic event: error) end or restart the task cleanly', async function () {
    fakes.openai.enqueue({ kind: 'reply', text: 'one two three four five six', chunkDelayMs: 20, errorAfterChunks: { chunks: 3, error: { message: `stream failed for ${fakes.keys.openai}`, type: 'server_error', code: null } } });
    const openai = await run({ prompt: `secrecy midstream openai ${Date.now()}`, providerId: 'openai', model: 'gpt-4o-mini' });
    fakes.anthropic.enqueue({ kind: 'reply', text: 'one two three four five six', chunkDelayMs: 20, errorAfterChunks: { chunks: 3, errorType: 'api_error', message: `upstream rejected ${fakes.keys.anthropic}` } });
    const anthropic = await run({ prompt: `secrecy midstream anthropic ${Date.now()}`, providerId: 'anthropic', model: 'claude-sonnet-4-5' });
    for (const r of [openai, anthropic]) {
      // Whether the engine retries after output has streamed is the runner's policy; either way
      // the first attempt streamed text and then hit the error.
      assert.ok(r.task.status === 'completed' || r.task.status === 'failed', `${r.task.providerId}: ${describeFailure(r.task)}`);
      assert.ok(r.task.status === 'failed' || r.task.attempts >= 2, `${r.task.providerId}: completed without a second attempt, so the error never arrived`);
    }
  });

  it('connection refused on a keyed provider (LM Studio at a dead port): fails NETWORK', async function () {
    const r = await run({ prompt: `secrecy refused ${Date.now()}`, providerId: 'lmstudio', model: 'qwen2.5-7b-instruct' });
    assert.strictEqual(r.task.status, 'failed');
    assert.strictEqual(r.task.error?.code, 'NETWORK', describeFailure(r.task));
  });

  it('a timeout while a keyed request streams: fails TIMEOUT', async function () {
    // "[slow]" makes the fake stream 20 pieces 400 ms apart; the task allows 1.5 s.
    const r = await run({ prompt: `secrecy timeout ${Date.now()} [slow]`, providerId: 'openai', model: 'gpt-4o-mini', timeoutMs: 1_500 });
    assert.strictEqual(r.task.status, 'failed');
    assert.strictEqual(r.task.error?.code, 'TIMEOUT', describeFailure(r.task));
  });

  it('a model reply that repeats the key is blanked in the output', async function () {
    fakes.openai.enqueue({ kind: 'reply', text: `You told me your key is ${fakes.keys.openai} and I repeat it.`, chunkDelayMs: 10 });
    const r = await run({ prompt: `secrecy echo ${Date.now()}`, providerId: 'openai', model: 'gpt-4o-mini' });
    assert.strictEqual(r.task.status, 'completed', describeFailure(r.task));
    assert.ok(!r.task.output.includes(fakes.keys.openai), 'the task output shows the key');
    assert.ok(r.streamedText.length > 0, 'nothing was streamed');
  });

  it('a key the model streams split across pieces is not shown whole in the panel', async function () {
    const key = fakes.keys.openai;
    const cut = Math.floor(key.length / 2);
    const chunk = (content: string): string => `data: ${JSON.stringify({ id: 'chatcmpl-split', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    fakes.openai.enqueue({
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      // Tokens arrive 120 ms apart: longer than the panel's 40 ms output batching.
      pieceDelayMs: 120,
      body: [
        chunk('Your key is '),
        chunk(key.slice(0, cut)),
        chunk(`${key.slice(cut)} as you asked.`),
        `data: ${JSON.stringify({ id: 'chatcmpl-split', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
        `data: ${JSON.stringify({ id: 'chatcmpl-split', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 5, completion_tokens: 20, total_tokens: 25 } })}\n\n`,
        'data: [DONE]\n\n',
      ],
    });
    const r = await run({ prompt: `secrecy split echo ${Date.now()}`, providerId: 'openai', model: 'gpt-4o-mini' });
    assert.strictEqual(r.task.status, 'completed', describeFailure(r.task));
    assert.ok(!r.task.output.includes(key), 'the task output shows the key');
    assert.ok(!r.streamedText.includes(key), `the panel shows the key: it arrived in ${r.outputMessages.length} pieces`);
  });

  it('finds no key in the log, the panel messages, the task list or any file code-server stored', async function () {
    const logLines = api.recentLogLines();
    const tasks: readonly TaskView[] = api.listTasks();
    const ours = new Set(runs.map((r) => r.task.id));
    // The searches must have something to search: echoed keys reached the log and were blanked.
    assert.ok(logLines.some((l) => /failed .*\[redacted\]/.test(l)), 'the log has no failure line with a blanked key: the echoing error paths did not reach it');
    assert.strictEqual(tasks.filter((t) => ours.has(t.id)).length, runs.length, 'listTasks() is missing tasks this test ran');

    const hits: Hit[] = [
      ...findIn('recentLogLines()', logLines.join('\n'), needles),
      ...findIn('postedPanelMessages()', JSON.stringify(api.postedPanelMessages()), needles),
      ...findIn('listTasks()', JSON.stringify(tasks), needles),
      // What the panel displays is the pieces joined: a key split across pieces shows whole there.
      ...runs.flatMap((r) => findIn(`panel output of task "${r.task.title}" (pieces joined)`, r.streamedText, needles)),
      ...runs.flatMap((r) => findIn(`task "${r.task.title}" error`, JSON.stringify(r.task.error ?? {}), needles)),
    ];

    const stateDir = process.env[CODE_SERVER_STATE_DIR_ENV];
    assert.ok(stateDir && fs.existsSync(stateDir), `${CODE_SERVER_STATE_DIR_ENV} does not name code-server's state folder`);
    const stored = findInFiles(stateDir, needles);
    assert.ok(stored.files > 10, `only ${stored.files} files under ${stateDir}: wrong folder?`);
    // Controls: the file search finds what is there (a setting; the blanked key in the output
    // channel's log file on disk, which is among the files searched).
    assert.ok(findInFiles(stateDir, [{ name: 'control', value: fakes.urls.anthropic }]).hits.length > 0, 'the file search does not find the Anthropic base URL in the settings files');
    const logFile = listFiles(stateDir).find((f) => /AI Task Queue\.log$/.test(f));
    assert.ok(logFile, 'the "AI Task Queue" log file is not under the state folder');
    assert.match(fs.readFileSync(logFile, 'utf8'), /\[redacted\]/, 'the log file on disk has no blanked key');
    hits.push(...stored.hits.map((h) => ({ ...h, where: `${CODE_SERVER_STATE_DIR_ENV}/${h.where}` })));
    const serverLog = path.join(resultsDir, 'integration', 'code-server.log');
    if (fs.existsSync(serverLog)) hits.push(...findIn('test-results/integration/code-server.log', fs.readFileSync(serverLog, 'utf8'), needles));

    assert.deepStrictEqual(hits.length, 0, `API keys leaked (${hits.length} hit(s)):\n${formatHits(hits)}`);
  });
});
