// Pictures of the real workbench for the walkthrough (media/walkthrough/, packaged) and the README
// (media/readme/, not packaged): cropped to the part that matters and kept small. Every run writes
// them to test-results/; with ATQ_UPDATE_MEDIA=1 they also replace the committed copies, which is
// how the committed ones are made (look at them before committing).
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from './paths';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The smallest box around every located element (each must be visible), plus `pad` pixels, inside the page. */
export async function boxAround(page: Page, parts: readonly Locator[], pad = 8): Promise<Box> {
  const boxes = await Promise.all(parts.map(async (p) => (await p.boundingBox()) ?? undefined));
  const found = boxes.filter((b): b is Box => b !== undefined);
  if (found.length === 0) throw new Error('nothing to photograph: no part is visible');
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const x = Math.max(0, Math.min(...found.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...found.map((b) => b.y)) - pad);
  const right = Math.min(viewport.width, Math.max(...found.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(viewport.height, Math.max(...found.map((b) => b.y + b.height)) + pad);
  return { x: Math.round(x), y: Math.round(y), width: Math.round(right - x), height: Math.round(bottom - y) };
}

/**
 * Saves `clip` of the page as `<kind>/<name>.png` under `outDir`, and over the committed
 * media/<kind>/<name>.png when ATQ_UPDATE_MEDIA=1. Returns the test-results copy.
 */
export async function saveMedia(page: Page, outDir: string, kind: 'walkthrough' | 'readme', name: string, clip: Box): Promise<string> {
  const file = path.join(outDir, 'media', kind, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The pointer out of the picture: no I-beam over a text box, no hover highlight.
  await page.mouse.move(page.viewportSize()?.width ?? 1440, page.viewportSize()?.height ?? 900);
  await page.waitForTimeout(150);
  await page.screenshot({ path: file, clip });
  if (process.env.ATQ_UPDATE_MEDIA === '1') {
    const committed = path.join(repoRoot, 'media', kind, `${name}.png`);
    fs.mkdirSync(path.dirname(committed), { recursive: true });
    fs.copyFileSync(file, committed);
  }
  return file;
}
