// OpenAI's x-ratelimit-reset-* headers are Go durations ("6m0s", "12ms", "2m59.56s"); Azure has
// been seen sending plain seconds or -1, so bare numbers are read as seconds and negatives dropped.

const UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  'µs': 0.001,
  'μs': 0.001,
  ns: 0.000001,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(h|ms|m|s|us|µs|μs|ns)/gy;

/** Parses a Go duration (or a bare number of seconds) into milliseconds; undefined when unparseable. */
export function parseGoDurationMs(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    return seconds >= 0 ? seconds * 1000 : undefined;
  }
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    const unit = UNIT_MS[match[2] ?? ''];
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
    consumed = PART.lastIndex;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}
