// One way to read untrusted input across the webview boundary: a parser per schema that returns
// the typed value, or undefined for anything that does not parse (the caller ignores it).
import * as v from 'valibot';

export function schemaParser<S extends v.GenericSchema>(schema: S): (input: unknown) => v.InferOutput<S> | undefined {
  return (input) => {
    const result = v.safeParse(schema, input);
    return result.success ? result.output : undefined;
  };
}
