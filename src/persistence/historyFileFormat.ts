// The on-disk format of the task history: a snapshot plus an append-only journal.
//
//   history.json     {"format":"ai-task-queue/history","version":1,"generation":G,"savedAt":T,"tasks":[…]}
//   history.journal  {"format":"ai-task-queue/journal","version":1,"generation":G}\n
//                    {"put":[…records],"remove":[…ids]}\n   one line per saved batch
//
// The snapshot is only ever replaced whole (write temp, fsync, rename), so it is either the old or
// the new file. A journal line is one batch; a line cut short by a crash does not parse and is
// dropped with everything after it being impossible (appends are sequential), which leaves exactly
// the batches that were completely written. The journal is replayed only onto the snapshot of the
// same generation: compaction writes snapshot G+1 first and then a fresh journal G+1, so a crash
// between the two leaves an old journal whose content the new snapshot already holds, and it is ignored.
// Pure string functions; no file system here.

export const SNAPSHOT_FORMAT = 'ai-task-queue/history';
export const JOURNAL_FORMAT = 'ai-task-queue/journal';
export const FORMAT_VERSION = 1;

export interface DecodedSnapshot {
  readonly generation: number;
  /** Raw records, still to be validated one by one. */
  readonly records: readonly unknown[];
}

export interface DecodedJournal {
  readonly generation: number | undefined;
  readonly batches: readonly { readonly put: readonly unknown[]; readonly remove: readonly string[] }[];
  /** Length in characters of the well-formed part (header and complete batch lines). */
  readonly validLength: number;
  /** The last line was cut short (a crash mid-append): expected, not an error. */
  readonly tornTail: boolean;
  /** Complete lines that do not parse: damage, reported to the user. */
  readonly corruptLines: number;
}

export function encodeSnapshot(generation: number, savedAt: number, recordJson: Iterable<string>): string {
  const head = JSON.stringify({ format: SNAPSHOT_FORMAT, version: FORMAT_VERSION, generation, savedAt });
  // Records arrive already serialized (the store keeps them as JSON), so a snapshot is a join, not a re-stringify.
  return `${head.slice(0, -1)},"tasks":[${[...recordJson].join(',\n')}]}\n`;
}

/** Throws with a readable reason when the text is not a snapshot this version can read. */
export function decodeSnapshot(text: string): DecodedSnapshot {
  const value: unknown = JSON.parse(text);
  if (!isObject(value) || value.format !== SNAPSHOT_FORMAT) throw new Error('not a task history file');
  if (value.version !== FORMAT_VERSION) throw new Error(`written by another version of the extension (format version ${String(value.version)})`);
  if (typeof value.generation !== 'number' || !Array.isArray(value.tasks)) throw new Error('the task list is missing');
  return { generation: value.generation, records: value.tasks };
}

export function encodeJournalHeader(generation: number): string {
  return `${JSON.stringify({ format: JOURNAL_FORMAT, version: FORMAT_VERSION, generation })}\n`;
}

export function encodeBatchLine(recordJson: readonly string[], remove: readonly string[]): string {
  return `{"put":[${recordJson.join(',')}],"remove":${JSON.stringify(remove)}}\n`;
}

export function decodeJournal(text: string): DecodedJournal {
  let generation: number | undefined;
  const batches: { put: unknown[]; remove: string[] }[] = [];
  let validLength = 0;
  let corruptLines = 0;
  let tornTail = false;
  let start = 0;
  let first = true;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    if (end < 0) {
      // No newline: the append of this line never completed.
      tornTail = true;
      break;
    }
    const line = text.slice(start, end);
    const parsed = parseLine(line);
    if (first) {
      first = false;
      if (isObject(parsed) && parsed.format === JOURNAL_FORMAT && parsed.version === FORMAT_VERSION && typeof parsed.generation === 'number') {
        generation = parsed.generation;
      } else {
        corruptLines += 1;
      }
    } else if (isObject(parsed) && Array.isArray(parsed.put) && Array.isArray(parsed.remove)) {
      batches.push({ put: parsed.put, remove: parsed.remove.filter((id): id is string => typeof id === 'string') });
    } else if (line.trim() !== '') {
      corruptLines += 1;
    }
    start = end + 1;
    if (corruptLines === 0) validLength = start;
  }
  return { generation, batches, validLength, tornTail, corruptLines };
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
