// Makes an answer's code fit the text it goes into: the document's line ending, and a final
// newline exactly when the text it replaces had one (models drop it; editors keep it).

/** '\r\n' when the text has a CRLF line ending, else '\n'. */
export function eolOf(text: string): '\n' | '\r\n' {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

export function withEol(text: string, eol: '\n' | '\r\n'): string {
  const lf = text.replace(/\r\n/g, '\n');
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}

/** `code` with `reference`'s line ending, ending in a newline exactly when `reference` does. */
export function fitText(code: string, reference: string, eol: '\n' | '\r\n' = eolOf(reference)): string {
  let text = withEol(code, eol);
  const endsWithNewline = /\n$/.test(reference);
  if (endsWithNewline && !text.endsWith('\n')) text += eol;
  if (!endsWithNewline && reference !== '') text = text.replace(/\r?\n$/, '');
  return text;
}
