import { strict as assert } from 'node:assert';
import { ProviderError, type StreamPart } from '../../../src/core/domain/chatProvider';
import { PriceBook } from '../../../src/core/usage/priceBook';
import { TaskEngine } from '../../../src/core/engine/taskEngine';
import { DEFAULT_RETRY_POLICY } from '../../../src/core/engine/retryPolicy';
import type { TaskEvent } from '../../../src/core/domain/taskEvents';
import type { TaskInput } from '../../../src/core/domain/taskModel';
import type { WorkflowStep } from '../../../src/core/domain/workflowStep';
import { scoreOutput } from '../../../src/core/quality/qualityChecks';
import { ManualClock } from '../helpers/manualClock';
import { flush, Gate, ScriptedProvider, untilAborted, USAGE_10_5, type Script } from '../helpers/scriptedProvider';
import { UNPACED } from '../helpers/unpacedProviders';
import { verbatim } from '../../../src/core/domain/phrase';
import { words } from '../helpers/phraseWords';

function setup(script: Script) {
  const clock = new ManualClock();
  const provider = new ScriptedProvider('p', script);
  let n = 0;
  const diagnostics: string[] = [];
  const engine = new TaskEngine({
    providerDefaults: UNPACED,
    clock,
    newId: () => `t${++n}`,
    providers: (id) => (id === 'p' ? provider : undefined),
    priceBook: () => new PriceBook(),
    concurrency: 2,
    defaultTimeoutMs: 60_000,
    retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
    onDiagnostic: (m) => diagnostics.push(m),
    scoreOutput,
  });
  const events: TaskEvent[] = [];
  engine.events.on((e) => events.push(e));
  return { clock, provider, engine, events, diagnostics };
}

const step = (name: string, parts: WorkflowStep['parts']): WorkflowStep => ({ name, parts, status: 'pending', output: '', attempts: 0 });
const WORKFLOW: TaskInput = {
  title: 'post',
  prompt: '## Step: outline …',
  providerId: 'p',
  model: 'gpt-4o-mini',
  steps: [step('outline', [{ text: 'Outline caching.' }]), step('draft', [{ text: 'Draft from: ' }, { stepOutput: 0 }]), step('edit', [{ text: 'Edit: ' }, { stepOutput: 1 }])],
};

async function* reply(text: string): AsyncIterable<StreamPart> {
  yield { type: 'text', text };
  yield USAGE_10_5;
}

describe('workflow tasks', () => {
  it('runs the steps in order, each prompt from earlier outputs, one usage event with the sum', async () => {
    const { engine, events, provider, diagnostics } = setup((req) => reply(`<${req.prompt}>`));
    const task = engine.submit({ ...WORKFLOW, checks: [{ kind: 'contains', text: 'Edit' }, { kind: 'maxLength', chars: 5 }] });
    await engine.whenIdle();
    const done = engine.get(task.id)!;
    assert.deepEqual(provider.calls.map((c) => c.prompt), ['Outline caching.', 'Draft from: <Outline caching.>', 'Edit: <Draft from: <Outline caching.>>']);
    assert.equal(done.status, 'completed');
    assert.equal(done.output, '<Edit: <Draft from: <Outline caching.>>>');
    assert.deepEqual(done.steps!.map((s) => s.status), ['completed', 'completed', 'completed']);
    assert.deepEqual(done.usage && [done.usage.inputTokens, done.usage.outputTokens], [30, 15]);
    const stepCosts = done.steps!.map((s) => s.costUsd!);
    assert.ok(Math.abs(done.costUsd! - stepCosts.reduce((a, b) => a + b, 0)) < 1e-15);
    assert.equal(done.quality?.score, 0.5, 'checks apply to the last step, the workflow result');
    const mine = events.filter((e) => e.taskId === task.id);
    assert.deepEqual(mine.filter((e) => e.type !== 'progress').map((e) => e.type), ['queued', 'started', 'usage', 'completed']);
    assert.deepEqual(mine.filter((e) => e.type === 'progress' && e.restart).map((e) => e.type === 'progress' && e.step), [0, 1, 2]);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(done.log?.map((l) => [l.step, words(l.message)]).filter(([, m]) => String(m).startsWith('step')), [
      [0, 'step 1 of 3 — outline: started'], [0, 'step 1 of 3 — outline: completed'],
      [1, 'step 2 of 3 — draft: started'], [1, 'step 2 of 3 — draft: completed'],
      [2, 'step 3 of 3 — edit: started'], [2, 'step 3 of 3 — edit: completed'],
    ]);
  });

  it('cancelling in step 2 aborts its request and leaves step 3 unrun (skipped)', async () => {
    const inDraft = new Gate();
    const { engine, provider } = setup((req, signal) => {
      if (req.prompt.startsWith('Draft')) {
        inDraft.open();
        return (async function* () {
          yield { type: 'text', text: 'half a dra' } as StreamPart;
          await untilAborted(signal);
        })();
      }
      return reply('outline');
    });
    const task = engine.submit(WORKFLOW);
    await inDraft.promise;
    await flush();
    assert.equal(engine.get(task.id)!.stepIndex, 1);
    engine.cancel(task.id);
    await engine.whenIdle();
    const done = engine.get(task.id)!;
    assert.equal(done.status, 'cancelled');
    assert.deepEqual(done.steps!.map((s) => s.status), ['completed', 'cancelled', 'skipped']);
    assert.equal(done.steps![1]!.output, 'half a dra');
    assert.equal(provider.calls.length, 2, 'step 3 never sent');
    assert.equal(done.usage?.inputTokens, 10 + (done.steps![1]!.usage?.inputTokens ?? 0), 'the finished steps (and the cut one) are still reported');
    assert.ok(done.steps![0]!.usage && done.steps![1]!.usage?.estimated, 'the cancelled step counts what it streamed, estimated');
    assert.ok(provider.signals[1]!.aborted);
  });

  it('a failure in step 2 fails the workflow naming the step and keeps step 1; Retry resumes at step 2', async () => {
    let failDraft = true;
    const { engine, provider } = setup((req) => {
      if (req.prompt.startsWith('Draft') && failDraft) throw new ProviderError(verbatim('HTTP 400: bad draft'), { kind: 'http', status: 400, providerId: 'p' });
      return reply(req.prompt.startsWith('Outline') ? 'O' : req.prompt.startsWith('Draft') ? 'D' : 'E');
    });
    const task = engine.submit(WORKFLOW);
    await engine.whenIdle();
    const failed = engine.get(task.id)!;
    assert.equal(failed.status, 'failed');
    assert.match(words(failed.error?.reason), /^Step 2 of 3 \(draft\) failed: /);
    assert.deepEqual(failed.steps!.map((s) => s.status), ['completed', 'failed', 'pending']);
    assert.equal(failed.steps![0]!.output, 'O');
    assert.equal(failed.steps![1]!.error?.code, 'BAD_REQUEST');
    assert.deepEqual(failed.usage && failed.usage.inputTokens, 10, 'only step 1 used tokens');

    failDraft = false;
    const calls = provider.calls.length;
    const retried = engine.retry(task.id)!;
    await engine.whenIdle();
    const done = engine.get(retried.id)!;
    assert.equal(done.status, 'completed');
    assert.deepEqual(provider.calls.slice(calls).map((c) => c.prompt), ['Draft from: O', 'Edit: D'], 'step 1 is not sent again');
    assert.deepEqual(done.steps!.map((s) => [s.status, !!s.carried]), [['completed', true], ['completed', false], ['completed', false]]);
    assert.equal(done.usage?.inputTokens, 20, 'the carried step was counted in the run that made it');
  });

  it('a running workflow restored after a reload comes back interrupted at its step and resumes from it', async () => {
    const { engine, provider } = setup((req) => reply(req.prompt.startsWith('Outline') ? 'O' : 'X'));
    const now = 1_000;
    const restored = engine.restore([
      {
        id: 'w1', title: 'post', prompt: 'p', providerId: 'p', model: 'gpt-4o-mini', priority: 'normal', status: 'running', attempts: 1, createdAt: now, startedAt: now, output: 'partial',
        stepIndex: 1,
        steps: [{ ...WORKFLOW.steps![0]!, status: 'completed', output: 'O', attempts: 1 }, { ...WORKFLOW.steps![1]!, status: 'running', output: 'partial', attempts: 1 }, WORKFLOW.steps![2]!],
      },
    ]);
    assert.deepEqual(restored.interrupted, ['w1']);
    const back = engine.get('w1')!;
    assert.equal(back.error?.code, 'INTERRUPTED');
    assert.match(words(back.error?.reason), /^Step 2 of 3 \(draft\) was interrupted/);
    assert.deepEqual(back.steps!.map((s) => s.status), ['completed', 'failed', 'pending']);
    const resumed = engine.retry('w1')!;
    await engine.whenIdle();
    assert.deepEqual(provider.calls.map((c) => c.prompt), ['Draft from: O', 'Edit: X']);
    assert.equal(engine.get(resumed.id)!.status, 'completed');
  });

  it('each step gets its own time limit: a slow step 1 leaves step 3 its own; a timeout names its step', async () => {
    const outlineDone = new Gate();
    const { engine, clock } = setup((req, signal) => {
      if (req.prompt.startsWith('Outline')) return (async function* () { await outlineDone.promise; yield* reply('O'); })();
      if (req.prompt.startsWith('Edit')) return (async function* (): AsyncIterable<StreamPart> { yield* []; await untilAborted(signal); })();
      return reply('D');
    });
    const task = engine.submit({ ...WORKFLOW, timeoutMs: 5_000 });
    await flush();
    clock.advance(4_000);
    outlineDone.open();
    await flush();
    clock.advance(4_000);
    await flush();
    const running = engine.get(task.id)!;
    assert.equal(running.status, 'running', 'at 8 s the workflow runs on: step 3 started at 4 s');
    assert.equal(running.stepIndex, 2);
    clock.advance(1_000);
    await engine.whenIdle();
    const done = engine.get(task.id)!;
    assert.equal(done.error?.code, 'TIMEOUT');
    assert.match(words(done.error?.reason), /^Step 3 of 3 \(edit\) failed/);
  });

  it('a rating is kept on a completed task and announced on the history channel', async () => {
    const { engine } = setup(() => reply('x'));
    const task = engine.submit({ title: 't', prompt: 'p', providerId: 'p', model: 'm' });
    const changes: string[] = [];
    engine.onHistoryChange((c) => changes.push(c.type));
    assert.equal(engine.rate(task.id, 'up'), false, 'not finished yet');
    await engine.whenIdle();
    assert.equal(engine.rate(task.id, 'up'), true);
    assert.equal(engine.get(task.id)!.rating, 'up');
    assert.equal(engine.rate(task.id, undefined), true);
    assert.equal(engine.get(task.id)!.rating, undefined);
    assert.deepEqual(changes, ['updated', 'updated']);
  });
});
