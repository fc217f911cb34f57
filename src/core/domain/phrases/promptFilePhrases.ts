// What core/promptFiles says about a prompt file that cannot run: each problem names its line
// separately (PromptFileProblem.line), so these say only what is wrong and how to write it.
// Prompt-file syntax inside the sentences ("## Step:", ${input:name}, "- contains: Summary") is
// what a person types, whatever their language.
import type { Phrase } from '../phrase';

type None = Record<string, never>;

export interface PromptFilePhrases {
  readonly 'promptFile.unclosedFrontMatter': None;
  readonly 'promptFile.emptyPrompt': None;
  /** `error` is the YAML library's own message. */
  readonly 'promptFile.frontMatter.syntax': { readonly error: Phrase };
  readonly 'promptFile.frontMatter.notKeyValues': None;
  /** A problem with the value of front matter key `key`. */
  readonly 'promptFile.frontMatter.keyProblem': { readonly key: string; readonly problem: Phrase };
  readonly 'promptFile.frontMatter.expectedText': None;
  readonly 'promptFile.frontMatter.expectedOneOf': { readonly values: string };
  readonly 'promptFile.frontMatter.expectedTokens': None;
  readonly 'promptFile.frontMatter.unknownKey': { readonly key: string };
  readonly 'promptFile.checks.expectedList': None;
  readonly 'promptFile.checks.problem': { readonly problem: Phrase };
  readonly 'promptFile.check.notKeyValue': { readonly kinds: string };
  readonly 'promptFile.check.unknown': { readonly name: string; readonly kinds: string };
  readonly 'promptFile.check.notExactlyOne': { readonly kinds: string };
  readonly 'promptFile.check.needsText': { readonly kind: string };
  readonly 'promptFile.check.regexNeedsPattern': None;
  readonly 'promptFile.check.regexFlags': None;
  /** `error` is the JavaScript engine's own message. */
  readonly 'promptFile.check.regexInvalid': { readonly error: Phrase };
  readonly 'promptFile.check.jsonValue': None;
  readonly 'promptFile.check.maxLengthValue': None;
  readonly 'promptFile.check.codeBlockValue': None;
  readonly 'promptFile.step.empty': { readonly name: string };
  readonly 'promptFile.step.badName': { readonly name: string };
  readonly 'promptFile.step.duplicate': { readonly name: string };
  /** `variable` is the variable as written: "${input:…}", "${selection}" (l10n.t's placeholders would not survive a "${" around them). */
  readonly 'promptFile.variable.badInput': { readonly variable: string };
  readonly 'promptFile.variable.badStep': { readonly variable: string };
  readonly 'promptFile.variable.stepOutsideStep': { readonly variable: string };
  readonly 'promptFile.variable.stepNotEarlier': { readonly variable: string; readonly name: string; readonly step: string };
  readonly 'promptFile.variable.noSuchStep': { readonly variable: string; readonly name: string };
  readonly 'promptFile.variable.noInput': { readonly variable: string };
  readonly 'promptFile.variable.needsSelection': { readonly variable: string };
  readonly 'promptFile.variable.needsFolder': { readonly variable: string };
  readonly 'promptFile.variable.needsFile': { readonly variable: string };
  readonly 'promptFile.variable.fileNotRead': { readonly path: string };
  /** `error` is the file system's own message. */
  readonly 'promptFile.variable.fileUnreadable': { readonly path: string; readonly error: Phrase };
}
