// The fakes' answer to a prompt containing "[rewrite]" and a fenced file or selection (as "Run
// Prompt on Files…" and "on Selection" send them): the same code with a summary comment on top
// and an end marker below, in a fenced block of the same language, the way a model answers "edit
// this file". Lets the results features (apply, review, compare) be shown and tested offline.

export const REWRITE_MARKER = '[rewrite]';

const LINE_COMMENT: Readonly<Record<string, string>> = {
  python: '#', py: '#', shellscript: '#', sh: '#', bash: '#', yaml: '#', yml: '#', ruby: '#', toml: '#', r: '#', perl: '#', dockerfile: '#', makefile: '#', ini: ';',
  sql: '--', lua: '--', haskell: '--',
};

function comment(language: string, text: string): string {
  if (['markdown', 'md', 'html', 'xml', 'svg'].includes(language)) return `<!-- ${text} -->`;
  if (language === 'css') return `/* ${text} */`;
  return `${LINE_COMMENT[language] ?? '//'} ${text}`;
}

/** The rewritten answer, or undefined when the prompt asks for none or holds no fenced code. */
export function rewriteReply(prompt: string): string | undefined {
  if (!prompt.includes(REWRITE_MARKER)) return undefined;
  const match = /\n(`{3,})([^\n`]*)\n([\s\S]*)\n\1$/.exec(prompt);
  if (!match) return undefined;
  const language = (match[2] ?? '').trim();
  // The source's own final newline sits before the closing fence; the block does not repeat it.
  const code = (match[3] ?? '').replace(/\n$/, '');
  const fence = match[1] ?? '```';
  const lines = code.split('\n').length;
  return `Here is the code with a summary comment added at the top and an end marker at the bottom:\n\n${fence}${language}\n${comment(language, `Summary: ${lines} line${lines === 1 ? '' : 's'}, reviewed by the simulator.`)}\n${code}\n${comment(language, 'End.')}\n${fence}\n`;
}
