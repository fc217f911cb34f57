// Debian's Chromium driven by playwright-core, with the flags the testing doc verified offline.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './paths';
import { makeTempDir, removeTempDir } from './processes';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly profileDir: string;
  close(): Promise<void>;
}

/** A fresh profile per launch (Playwright refuses --user-data-dir in args; this is its equivalent). */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} missing: run \`bash scripts/setup.sh\``);
  const profileDir = makeTempDir('atq-chromium-');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    // Chromium keeps crash reports and caches under XDG folders: keep them in the throwaway profile.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(profileDir, 'xdg-config'),
      XDG_CACHE_HOME: path.join(profileDir, 'xdg-cache'),
    },
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    profileDir,
    close: async () => {
      await context.close().catch(() => undefined);
      removeTempDir(profileDir);
    },
  };
}
