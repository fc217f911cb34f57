// A pseudo locale for the real workbench: every message of the extension (l10n/bundle.l10n.json,
// package.nls.json) turned into accented look-alikes, and a display language that VS Code accepts.
//
// VS Code only switches an extension's language when a language pack for the locale is installed
// (without one, `--locale` falls back to English and vscode.env.language stays "en"). The pack
// made here carries no translations of its own, so the workbench around the extension stays in
// English and every ASCII word inside the extension's own UI can only be English it forgot to
// translate. Nothing here is written into the clone: the pseudo files go into the installed copy.
import * as fs from 'fs';
import * as path from 'path';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { installFolderExtension } from './folderExtension';

/** Windows' pseudo-locale tag, which VS Code also uses for its own pseudo-localization. */
export const PSEUDO_LOCALE = 'qps-ploc';

/** The pseudo text of one English message: what the extension shows for it under PSEUDO_LOCALE. */
export function pseudo(message: string): string {
  return (getL10nPseudoLocalized({ m: message }) as Record<string, string>).m as string;
}

/**
 * Writes the pseudo bundle and manifest strings into an installed copy of the extension
 * (`<extensionsDir>/<publisher.name-version>`), from the English files it shipped with.
 */
export function pseudoLocalizeInstalledExtension(extensionDir: string): void {
  const bundle = JSON.parse(fs.readFileSync(path.join(extensionDir, 'l10n', 'bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
  fs.writeFileSync(path.join(extensionDir, 'l10n', `bundle.l10n.${PSEUDO_LOCALE}.json`), JSON.stringify(getL10nPseudoLocalized(bundle)));
  const nls = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.nls.json'), 'utf8')) as l10nJsonFormat;
  fs.writeFileSync(path.join(extensionDir, `package.nls.${PSEUDO_LOCALE}.json`), JSON.stringify(getL10nPseudoLocalized(nls)));
}

/** The installed folder of `publisher.name` in a code-server extensions dir. */
export function installedExtensionDir(extensionsDir: string, id: string): string {
  const name = fs.readdirSync(extensionsDir).find((n) => n.toLowerCase().startsWith(`${id.toLowerCase()}-`));
  if (!name) throw new Error(`${id} is not installed in ${extensionsDir} (found: ${fs.readdirSync(extensionsDir).join(', ')})`);
  return path.join(extensionsDir, name);
}

/**
 * Installs a language pack for PSEUDO_LOCALE whose workbench translation is empty, so VS Code
 * resolves the locale (and hands it to extensions) while its own UI stays in English. Also writes
 * the languagepacks.json index VS Code reads before it has scanned the extensions dir.
 */
export function installPseudoLanguagePack(extensionsDir: string, userDataDir: string, scratchDir: string): void {
  const folder = path.join(scratchDir, 'pseudo-language-pack');
  fs.mkdirSync(path.join(folder, 'translations'), { recursive: true });
  const manifest = {
    name: 'pseudo-language-pack',
    publisher: 'atq-test',
    version: '1.0.0',
    engines: { vscode: '*' },
    contributes: {
      localizations: [{ languageId: PSEUDO_LOCALE, languageName: 'Pseudo', localizedLanguageName: 'Pseudo', translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
    },
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(folder, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  installFolderExtension(extensionsDir, folder);
  const installed = installedExtensionDir(extensionsDir, 'atq-test.pseudo-language-pack');
  const index = {
    [PSEUDO_LOCALE]: {
      hash: 'pseudo-1',
      extensions: [{ extensionIdentifier: { id: 'atq-test.pseudo-language-pack' }, version: '1.0.0' }],
      translations: { vscode: path.join(installed, 'translations', 'main.i18n.json') },
      label: 'Pseudo',
    },
  };
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(index));
}
