// The VS Code language of a code block, from its fence's info string ("ts", "py", "c++"), else
// the source's language. Only ids VS Code knows are used; an unknown one opens as plain text.
import * as vscode from 'vscode';

const ALIASES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  jsx: 'javascriptreact',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  rb: 'ruby',
  rs: 'rust',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  yml: 'yaml',
  md: 'markdown',
  cs: 'csharp',
  'c#': 'csharp',
  'c++': 'cpp',
  cxx: 'cpp',
  kt: 'kotlin',
  golang: 'go',
  ps1: 'powershell',
  text: 'plaintext',
  txt: 'plaintext',
};

export async function languageFor(fenceLanguage: string | undefined, fallback: string | undefined): Promise<string> {
  const known = new Set(await vscode.languages.getLanguages());
  const wanted = fenceLanguage ? (ALIASES[fenceLanguage] ?? fenceLanguage) : undefined;
  if (wanted && known.has(wanted)) return wanted;
  if (fallback && known.has(fallback)) return fallback;
  return 'plaintext';
}
