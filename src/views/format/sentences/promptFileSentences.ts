// Sentences for src/core/domain/phrases/promptFilePhrases.ts. The prompt-file syntax inside them
// (${input:audience}, "## Step: outline") is typed as it is in any language.
import * as l10n from '@vscode/l10n';
import type { PromptFilePhrases } from '../../../core/domain/phrases/promptFilePhrases';
import type { Sentences } from '../phraseText';

export const PROMPT_FILE_SENTENCES: Sentences<PromptFilePhrases> = {
  'promptFile.unclosedFrontMatter': () => l10n.t('the front matter opened here is never closed by a "---" line'),
  'promptFile.emptyPrompt': () => l10n.t('the prompt is empty: write it below the front matter'),
  'promptFile.frontMatter.syntax': (a, text) => l10n.t('front matter: {0}', text(a.error)),
  'promptFile.frontMatter.notKeyValues': () => l10n.t('the front matter is a list of "key: value" lines'),
  'promptFile.frontMatter.keyProblem': (a, text) => l10n.t('{0}: {1}', a.key, text(a.problem)),
  'promptFile.frontMatter.expectedText': () => l10n.t('expected a text'),
  'promptFile.frontMatter.expectedOneOf': (a) => l10n.t('expected one of {0}', a.values),
  'promptFile.frontMatter.expectedTokens': () => l10n.t('expected a whole number of tokens, at least 1'),
  'promptFile.frontMatter.unknownKey': (a) => l10n.t('"{0}" is not a prompt file key this extension knows; it is ignored', a.key),
  'promptFile.checks.expectedList': () => l10n.t('checks: expected a list, e.g. "checks:\\n  - contains: Summary"'),
  'promptFile.checks.problem': (a, text) => l10n.t('checks: {0}', text(a.problem)),
  'promptFile.check.notKeyValue': (a) => l10n.t('a check is a key and its value, e.g. "- contains: Summary" (one of {0})', a.kinds),
  'promptFile.check.unknown': (a) => l10n.t('unknown check "{0}" (one of {1})', a.name, a.kinds),
  'promptFile.check.notExactlyOne': (a) => l10n.t('a check has exactly one of {0}', a.kinds),
  'promptFile.check.needsText': (a) => l10n.t('{0} needs a text, e.g. "- {0}: Summary"', a.kind),
  'promptFile.check.regexNeedsPattern': () => l10n.t('regex needs a pattern, e.g. "- regex: \'^# \'"'),
  'promptFile.check.regexFlags': () => l10n.t('regex flags may be i, m, s and u'),
  'promptFile.check.regexInvalid': (a, text) => l10n.t('the regex does not compile: {0}', text(a.error)),
  'promptFile.check.jsonValue': () => l10n.t('json is "true", or has a schema: "- json: { schema: { type: object } }"'),
  'promptFile.check.maxLengthValue': () => l10n.t('maxLength is a whole number of characters, at least 1'),
  'promptFile.check.codeBlockValue': () => l10n.t('codeBlock is "true", or a language such as "typescript"'),
  'promptFile.step.empty': (a) => l10n.t('step "{0}" has no prompt', a.name),
  'promptFile.step.badName': (a) => l10n.t('a step name is letters, digits, "-" and "_" (e.g. "## Step: outline"), not "{0}"', a.name),
  'promptFile.step.duplicate': (a) => l10n.t('a step named "{0}" comes earlier; step names must differ', a.name),
  'promptFile.variable.badInput': (a) => l10n.t('{0}: an input needs a name of letters, digits, "-" and "_", e.g. ${input:audience}', a.variable),
  'promptFile.variable.badStep': (a) => l10n.t('{0}: write ${step:name} with the name of an earlier step', a.variable),
  'promptFile.variable.stepOutsideStep': (a) => l10n.t('{0}: only a step\'s prompt (below a "## Step:" heading) can use an earlier step\'s output', a.variable),
  'promptFile.variable.stepNotEarlier': (a) => l10n.t('{0}: step "{1}" does not come before step "{2}"; a step can use only earlier steps\' outputs', a.variable, a.name, a.step),
  'promptFile.variable.noSuchStep': (a) => l10n.t('{0}: there is no step named "{1}"', a.variable, a.name),
  'promptFile.variable.noInput': (a) => l10n.t('no value was given for {0}', a.variable),
  'promptFile.variable.needsSelection': (a) => l10n.t('{0} needs a selection: select text in an editor and run the prompt file on the selection', a.variable),
  'promptFile.variable.needsFolder': (a) => l10n.t('{0} needs a folder open in VS Code', a.variable),
  'promptFile.variable.needsFile': (a) => l10n.t('{0} needs a file: open one in the editor, or run the prompt file on files from the Explorer', a.variable),
  'promptFile.variable.fileNotRead': (a) => l10n.t('${fileContent}: {0} was not read', a.path),
  'promptFile.variable.fileUnreadable': (a, text) => l10n.t('${fileContent}: {0} could not be read ({1})', a.path, text(a.error)),
};
