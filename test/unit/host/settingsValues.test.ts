// Settings with values outside what package.json allows: each is replaced as before (clamped, or
// the default for a non-number) and reported once, naming the setting, the bad value and the value
// used. Plain Node: the checking half of readSettings has no vscode import.
import { strict as assert } from 'node:assert';
import { SettingsProblemNotices } from '../../../src/host/config/settingsProblemNotices';
import { INT_SETTINGS, MAX_OUTPUT_TOKENS_RANGE, parseSettings } from '../../../src/host/config/settingsValues';
import { manifestSettings } from '../helpers/manifestSettings';

const declaredSettings = manifestSettings();

/** parseSettings over a plain object of user values (unset keys read as undefined, as nothing sets them). */
function parse(user: Record<string, unknown>): ReturnType<typeof parseSettings> {
  return parseSettings((key) => user[key]);
}

function messages(user: Record<string, unknown>): string[] {
  return parse(user).problems.map((p) => p.message);
}

describe('Settings values: clamped as before, and each bad value reported', () => {
  it('valid values and unset keys give no problem', () => {
    const { values, problems } = parse({ concurrency: 8, timeoutSeconds: 60, idleTimeoutSeconds: 0, maxOutputTokens: null, defaultPriority: 'high' });
    assert.deepEqual(problems, []);
    assert.equal(values.concurrency, 8);
    assert.equal(values.timeoutMs, 60_000);
    assert.equal(values.idleTimeoutMs, undefined);
    assert.equal(values.maxOutputTokens, undefined);
    assert.equal(values.defaultPriority, 'high');
    assert.equal(parse({}).values.concurrency, 64);
  });

  it('concurrency -1, "abc", 1000, 2.5 and null: clamped, the default for a non-number, each named with what is used', () => {
    assert.equal(parse({ concurrency: -1 }).values.concurrency, 1);
    assert.deepEqual(messages({ concurrency: -1 }), ['"aiTaskQueue.concurrency" is -1; using 1 (allowed 1–256).']);
    assert.equal(parse({ concurrency: 'abc' }).values.concurrency, 64);
    assert.deepEqual(messages({ concurrency: 'abc' }), ['"aiTaskQueue.concurrency" is "abc", not a number; using the default, 64 (allowed 1–256).']);
    assert.deepEqual(messages({ concurrency: 1000 }), ['"aiTaskQueue.concurrency" is 1000; using 256 (allowed 1–256).']);
    assert.deepEqual(messages({ concurrency: 2.5 }), ['"aiTaskQueue.concurrency" is 2.5; using 3 (allowed 1–256).']);
    assert.deepEqual(messages({ concurrency: null }), ['"aiTaskQueue.concurrency" is null, not a number; using the default, 64 (allowed 1–256).']);
  });

  it('timeoutSeconds 0 is raised to the 5 s minimum and reported', () => {
    const { values, problems } = parse({ timeoutSeconds: 0 });
    assert.equal(values.timeoutMs, 5_000);
    assert.deepEqual(problems, [{ setting: 'aiTaskQueue.timeoutSeconds', message: '"aiTaskQueue.timeoutSeconds" is 0; using 5 (allowed 5–3600).' }]);
  });

  it('every whole-number setting is checked, with the range and default package.json declares', () => {
    for (const spec of Object.values(INT_SETTINGS)) {
      const declared = declaredSettings[`aiTaskQueue.${spec.key}`];
      assert.ok(declared, spec.key);
      assert.deepEqual([spec.defaultValue, spec.min, spec.max], [declared.default, declared.minimum, declared.maximum], spec.key);
      for (const bad of [spec.min - 1, spec.max + 1, 'abc']) {
        const { problems } = parse({ [spec.key]: bad });
        assert.equal(problems.length, 1, `${spec.key} = ${String(bad)}`);
        assert.equal(problems[0]?.setting, `aiTaskQueue.${spec.key}`);
      }
    }
    const tokens = declaredSettings['aiTaskQueue.maxOutputTokens'];
    assert.deepEqual([MAX_OUTPUT_TOKENS_RANGE.min, MAX_OUTPUT_TOKENS_RANGE.max], [tokens?.minimum, tokens?.maximum]);
  });

  it('the values used are the ones the messages state, for every whole-number setting', () => {
    const { values } = parse({ timeoutSeconds: 99_999, maxAttempts: 0, idleTimeoutSeconds: -5, maxRetryWaitSeconds: 'x', 'history.maxAgeDays': 0, 'history.maxTasks': 1e9 });
    assert.equal(values.timeoutMs, 3_600_000);
    assert.equal(values.maxAttempts, 1);
    assert.equal(values.idleTimeoutMs, undefined, 'an idle timeout clamped to 0 is off');
    assert.equal(values.maxRetryWaitMs, 60_000);
    assert.deepEqual(values.history, { maxAgeDays: 1, maxTasks: 100_000 });
  });

  it('maxOutputTokens: 0 and "lots" mean no limit, 2e6 is capped, and each says so', () => {
    assert.equal(parse({ maxOutputTokens: 0 }).values.maxOutputTokens, undefined);
    assert.deepEqual(messages({ maxOutputTokens: 0 }), ['"aiTaskQueue.maxOutputTokens" is 0; using no limit (allowed 1–1000000, or null for the model\'s own limit).']);
    assert.equal(messages({ maxOutputTokens: 'lots' }).length, 1);
    assert.equal(parse({ maxOutputTokens: 2_000_000 }).values.maxOutputTokens, 1_000_000);
    assert.equal(parse({ maxOutputTokens: 512 }).problems.length, 0);
  });

  it('providerLimits and pricing: a bad field is dropped and named, the good ones kept', () => {
    const { values, problems } = parse({
      providerLimits: { openai: { concurrency: -3, requestsPerMinute: 500, requestPerMinute: 9 }, ollama: 5 },
      pricing: { 'my-model': { input: 1, output: 2 }, broken: { input: 'cheap', output: 2 } },
    });
    assert.deepEqual(values.providerLimits, { openai: { requestsPerMinute: 500 } });
    assert.deepEqual(Object.keys(values.pricing), ['my-model']);
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        '"aiTaskQueue.pricing" has an entry for "broken" that is not { "input": n, "output": n } in USD per 1M tokens (each 0 or more); it is ignored.',
        '"aiTaskQueue.providerLimits" has "openai".concurrency = -3, which is not a number above 0; it is ignored.',
        '"aiTaskQueue.providerLimits" has "openai".requestPerMinute = 9, which is not a known limit (concurrency, requestsPerMinute, tokensPerMinute); it is ignored.',
        '"aiTaskQueue.providerLimits" has "ollama" = 5, which is not an object such as { "concurrency": 4 }; it is ignored.',
      ],
    );
  });

  it('an unknown defaultPriority falls back to normal and says so', () => {
    assert.equal(parse({ defaultPriority: 'asap' }).values.defaultPriority, 'normal');
    assert.deepEqual(messages({ defaultPriority: 'asap' }), ['"aiTaskQueue.defaultPriority" is "asap"; using "normal" (allowed urgent, high, normal, low).']);
  });
});

describe('SettingsProblemNotices: each problem announced once', () => {
  it('announces a problem when it appears, not on later reads that still have it, and again if it comes back', () => {
    const announced: string[] = [];
    const notices = new SettingsProblemNotices((m) => announced.push(m));
    const bad = parse({ concurrency: -1 }).problems;
    notices.report(bad);
    notices.report(parse({ concurrency: -1, defaultPriority: 'low' }).problems);
    notices.report(bad);
    assert.deepEqual(announced, ['"aiTaskQueue.concurrency" is -1; using 1 (allowed 1–256).']);

    notices.report(parse({ concurrency: -1, timeoutSeconds: 0 }).problems);
    assert.equal(announced.length, 2, 'a second, different problem is announced on its own');
    assert.match(announced[1] ?? '', /timeoutSeconds/);

    notices.report([]);
    notices.report(bad);
    assert.equal(announced.length, 3, 'fixed, then broken again: announced again');
  });
});
