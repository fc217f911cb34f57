// Finds English left in the VS Code adapters (src/commands, src/views, src/host, src/api,
// src/extension.ts) and in the webviews (webview-ui): every string or template literal that reads
// like words, unless it is the message of an `l10n.t` call or sits where no person reads it (an
// import, a type, a property key, a log line, a CSS class or data attribute). A single lowercase word ("failed") reads like an id, so it counts only beside a
// translation it belongs with. This is stricter than following each literal to a sink (a
// notification, a tree item, a quick pick, the status bar...): a literal that reaches the user
// through a variable, a helper or a Markdown builder is caught too, and what is not language is
// named in the reviewed allow-list of the test rather than guessed at here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface HostLiteral {
  /** Path relative to the repository root, with forward slashes. */
  readonly file: string;
  readonly line: number;
  /** The literal's text; a template's substitutions are shown as `${…}`. */
  readonly text: string;
}

export const HOST_ROOTS = ['src/commands', 'src/views', 'src/host', 'src/api', 'src/extension.ts'];
export const WEBVIEW_ROOTS = ['webview-ui'];

/** Calls whose string arguments are log lines for the output channel (kept in English for bug reports). */
const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'appendLine']);

/** Attributes whose values name things for the code and the style sheet, never for a reader. */
const NOT_LANGUAGE_ATTRIBUTE = /^(class|className|cls|rel|data-[\w-]+)$/;

export function hostSourceFiles(root: string, roots: readonly string[] = HOST_ROOTS): string[] {
  return sourceFilesUnder(root, roots);
}

/** Every TypeScript source under `roots` (folders or single files, relative to `root`), in a stable order. */
export function sourceFilesUnder(root: string, roots: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  };
  for (const r of roots) walk(path.join(root, r));
  return out;
}

/** Reads like language: two words, or one capitalised word ("Cancel"), once codicons ($(play)) are gone. */
export function looksLikeEnglish(text: string): boolean {
  const t = text.replace(/\$\([a-z0-9~-]+\)/g, ' ');
  if (/\b[A-Za-z][a-z]+\b[^\n]*?\s+[A-Za-z]{2,}/.test(t) && /[a-z]{2,}/.test(t)) return true;
  if (/\s[a-z]{3,}\b/.test(t) || /\b[a-z]{3,}\s/.test(t)) return true;
  // Short words between spaces or at an edge: " at ${url}", "${n} of ${m}".
  const filled = t.replace(/\$\{…\}/g, '0');
  if (/\s/.test(filled) && /(^|\s)[a-z]{2}(\s|$)/.test(filled)) return true;
  if (/\b[a-z]{3,}: /.test(t) || /\([a-z]{3,}\)/.test(t)) return true;
  return /^[\s*_#>-]*[A-Z][a-z]{2,}\b/.test(t) && !/^[A-Z][a-zA-Z]*[.:][A-Za-z]/.test(t);
}

/** `l10n.t(...)` or `vscode.l10n.t(...)`. */
function isL10nCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

/** `log.info(...)`, `engineLog.warn(...)`, `engineLog[level](...)`, `deps.log('warn', ...)`: a line for the output channel. */
function isLogCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  if (ts.isElementAccessExpression(callee)) return /(log|logger)$/i.test(callee.expression.getText());
  if (!ts.isPropertyAccessExpression(callee)) return false;
  // src/core's ports: `this.deps.log('warn', ...)`, `options.log?.('info', ...)` (a level, then the line).
  if (callee.name.text === 'log' && ts.isStringLiteral(node.arguments[0] ?? node)) return true;
  return LOG_METHODS.has(callee.name.text) && /(log|logger|channel)$/i.test(callee.expression.getText());
}

/** The name of a property assignment or the first argument of `setAttribute(name, value)`, where `node` is the value. */
function attributeNameOf(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) return ts.isStringLiteral(parent.name) || ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'setAttribute' && parent.arguments[1] === node) {
    const name = parent.arguments[0];
    return name && ts.isStringLiteral(name) ? name.text : undefined;
  }
  return undefined;
}

/** `class: 'meta-item model'`, `class: \`stat ${extra}\`.trim()`, `setAttribute('rel', 'noopener …')`. */
function isNotLanguageAttributeValue(node: ts.Node): boolean {
  let n: ts.Node = node;
  // Through the expressions that only combine or tidy the value.
  for (;;) {
    const parent = n.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isConditionalExpression(parent) || ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent)) n = parent;
    else if (ts.isPropertyAccessExpression(parent) && parent.expression === n && ts.isCallExpression(parent.parent) && parent.parent.arguments.length === 0) n = parent.parent;
    else break;
  }
  const name = attributeNameOf(n);
  return name !== undefined && NOT_LANGUAGE_ATTRIBUTE.test(name);
}

/**
 * Where a literal is not read by anyone: module names, types, keys, log lines, the message of l10n.t,
 * CSS classes and data attributes.
 * A comparison is not exempt: `choice === 'Cancel'` after a translated button never matches in French.
 */
function isExempt(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  if (isNotLanguageAttributeValue(node)) return true;
  for (let n: ts.Node = node; n.parent && !ts.isSourceFile(n.parent); n = n.parent) {
    if (ts.isTypeNode(n.parent) && !ts.isExpressionWithTypeArguments(n.parent)) return true;
    // Only a plain string as the very first argument: the exporter cannot extract `l10n.t(a ? 'x' : 'y')` or a template.
    if (n === node && !ts.isTemplateExpression(node) && isL10nCall(n.parent) && (n.parent as ts.CallExpression).arguments[0] === n) return true;
    if (n === node && isL10nMessageOrComment(node)) return true;
    if (isLogCall(n.parent) && (n.parent as ts.CallExpression).arguments.includes(n as ts.Expression)) return true;
    // Only the literal itself or the template/concatenation it is part of is checked against its context.
    if (!ts.isTemplateSpan(n.parent) && !ts.isTemplateExpression(n.parent) && !ts.isParenthesizedExpression(n.parent) && !ts.isConditionalExpression(n.parent) && !(ts.isBinaryExpression(n.parent) && n.parent.operatorToken.kind === ts.SyntaxKind.PlusToken)) break;
  }
  return false;
}

/** The `message` or a `comment` line of `l10n.t({ message: '…', comment: ['…'] })`: text for the translator. */
function isL10nMessageOrComment(node: ts.Node): boolean {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return false;
  const inArray = ts.isArrayLiteralExpression(node.parent);
  const property = inArray ? node.parent.parent : node.parent;
  if (!property || !ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.parent)) return false;
  const name = property.name.getText();
  if (!(inArray ? name === 'comment' : name === 'message' || name === 'comment')) return false;
  const call = property.parent.parent;
  return isL10nCall(call) && (call as ts.CallExpression).arguments[0] === property.parent;
}

const containsL10nCall = (node: ts.Node | undefined): boolean => node !== undefined && (isL10nCall(node) || (ts.forEachChild(node, (c) => containsL10nCall(c) || undefined) ?? false));

/**
 * A single lowercase word ("today", "failed") does not look like a sentence on its own: ids and
 * codes look the same. Beside a translated alternative it is language that was missed: the other
 * branch of `a ? l10n.t(...) : 'failed'`, the right of `?? 'batch'` next to a translation, a value
 * in a table whose other values are all translations, or an argument of l10n.t.
 */
function isLoneWordBesideTranslation(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isConditionalExpression(parent) && (parent.whenTrue === node || parent.whenFalse === node)) return containsL10nCall(parent.whenTrue === node ? parent.whenFalse : parent.whenTrue);
  if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(parent.operatorToken.kind)) return containsL10nCall(parent.left === node ? parent.right : parent.left);
  // `providerId: 'local'` beside a translated label is an id, whatever the other values are.
  if (ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isObjectLiteralExpression(parent.parent) && !/(^id|Id|^kind|^command|^action)$/.test(parent.name.getText())) {
    const others = parent.parent.properties.filter((p) => p !== parent);
    return others.length > 0 && others.every((p) => ts.isPropertyAssignment(p) && isL10nCall(p.initializer));
  }
  if (ts.isCallExpression(parent) && isL10nCall(parent) && parent.arguments[0] !== node) return true;
  if (ts.isTemplateSpan(parent) && ts.isTemplateExpression(parent.parent)) return ts.isCallExpression(parent.parent.parent) && isL10nCall(parent.parent.parent);
  return false;
}

function literalText(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return node.head.text + node.templateSpans.map((s) => '${…}' + s.literal.text).join('');
}

/** Every English-looking literal of one source file that is not in an exempt place. */
export function englishLiterals(file: string, source: string): HostLiteral[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: HostLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = literalText(node);
      const lone = /^\s*[a-z]{3,}\s*$/.test(text) && isLoneWordBesideTranslation(node);
      if ((looksLikeEnglish(text) || lone) && !isExempt(node)) out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text });
      if (ts.isTemplateExpression(node)) for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/**
 * A reviewed allow-list: by file, the literals (as the scan shows them, a template's holes as
 * `${…}`) that read like words but are not language; a trailing `*` matches the start of a long one.
 */
export type AllowList = Readonly<Record<string, readonly string[]>>;

const entryMatches = (entry: string, text: string): boolean => (entry.endsWith('*') ? text.startsWith(entry.slice(0, -1)) : text === entry);

/** What the scan found that the allow-list does not excuse, as "file:line: text". */
export function unexcused(found: readonly HostLiteral[], allow: AllowList): string[] {
  return found.filter((l) => !(allow[l.file]?.some((e) => entryMatches(e, l.text)) ?? false)).map((l) => `${l.file}:${l.line}: ${JSON.stringify(l.text)}`);
}

/** Allow-list entries that match nothing the scan found: left behind when their literal went. */
export function staleEntries(found: readonly HostLiteral[], allow: AllowList): string[] {
  return Object.entries(allow).flatMap(([file, texts]) => texts.filter((t) => !found.some((l) => l.file === file && entryMatches(t, l.text))).map((t) => `${file}: ${t}`));
}
