// Command-line numbers for the benchmark scripts: `--tasks 500` style, with a default when the
// flag is missing or not a number.

export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? Number.NaN : Number(process.argv[i + 1]);
  return Number.isFinite(value) ? value : fallback;
}
