// Model facts keyed by model id or id prefix, looked up the way vendors name models: an exact id
// first, then the longest matching prefix ("gpt-4o-mini-2024-07-18" finds "gpt-4o-mini", not
// "gpt-4o"). Shared by the price table and the context-window table so both match alike.

export class PrefixTable<T> {
  private readonly entries: ReadonlyMap<string, T>;
  private readonly prefixesLongestFirst: readonly string[];

  constructor(entries: Iterable<readonly [string, T]>) {
    this.entries = new Map([...entries].map(([key, value]) => [key.toLowerCase(), value]));
    this.prefixesLongestFirst = [...this.entries.keys()].sort((a, b) => b.length - a.length);
  }

  /** The entry for a model id and the key that matched it, or undefined. */
  match(model: string): { readonly key: string; readonly value: T } | undefined {
    const id = model.toLowerCase();
    const exact = this.entries.get(id);
    if (exact !== undefined) return { key: id, value: exact };
    const prefix = this.prefixesLongestFirst.find((p) => id.startsWith(p));
    return prefix === undefined ? undefined : { key: prefix, value: this.entries.get(prefix) as T };
  }

  get(model: string): T | undefined {
    return this.match(model)?.value;
  }
}
