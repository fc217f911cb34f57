// Drives the VS Code workbench in the browser the way a person does: activity bar, command palette,
// quick input, tree rows, webviews. Selectors follow /work/shared/docs/real-vscode-testing.md.
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** The few DOM members used inside the browser (the Node-side tsconfig has no DOM library). */
interface DomElement {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  readonly textContent: string | null;
}

export interface TreeRow {
  readonly index: number;
  readonly level: number;
  readonly label: string;
  readonly description: string;
  readonly expanded: boolean | undefined;
}

export class Workbench {
  private shotNumber = 0;

  constructor(
    readonly page: Page,
    readonly screenshotsDir: string,
  ) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
  }

  /** Waits until the workbench has rendered its parts and the extension host is up. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Saves test-results/…/NN-name.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    this.shotNumber += 1;
    const file = path.join(this.screenshotsDir, `${String(this.shotNumber).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`.activitybar .action-label[aria-label^="${title}"]`).first();
  }

  /** Opens a view container from the activity bar (no-op when it is already showing). */
  async openViewContainer(title: string): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    const container = item.locator('xpath=ancestor::li[1]');
    const checked = (await container.getAttribute('aria-pressed')) === 'true' || (await container.getAttribute('aria-checked')) === 'true';
    if (!checked) await item.click();
    const sidebar = this.page.locator('.part.sidebar');
    const shown = await sidebar.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    // After a reload the container can read as active while the side bar itself stays hidden (or
    // a click landed as the workbench restored it and shut it again): one more click shows it.
    if (!shown) {
      await item.click();
      await sidebar.waitFor({ state: 'visible', timeout: 10_000 });
    }
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  async isQuickInputOpen(): Promise<boolean> {
    return this.quickInput.isVisible();
  }

  /**
   * Throws with the dialog's text when a modal dialog is up (e.g. "Command … resulted in an error"):
   * it blocks every other interaction, so waiting for anything else would only time out.
   */
  async assertNoDialog(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    if (await dialog.isVisible()) {
      const text = (await dialog.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
      throw new Error(`a modal dialog is open: ${text}`);
    }
  }

  /** F1, type `>title`, pick the row that shows exactly that command. */
  async runCommand(title: string): Promise<void> {
    await this.assertNoDialog();
    // A part that takes the focus as the palette opens (the Welcome page re-rendering a ticked step,
    // a webview loading) closes it again: open it once more, as a person would.
    for (let attempt = 1; ; attempt++) {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      try {
        await this.quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
        await this.quickInputBox.fill(`>${title}`, { timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const row = this.quickInputRow(title);
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await this.chooseRow(row);
  }

  /**
   * Clicks a quick input row. A part re-rendering beside the palette (the Welcome page ticking a
   * step, a panel loading) can keep the row moving for long: when it is the focused row, Enter
   * chooses it as well as a click would. A row that went away meanwhile (its pick closed) is left
   * to the caller, which checks what the choice should have done.
   */
  async chooseRow(row: Locator): Promise<void> {
    try {
      await row.click({ timeout: 5_000 });
    } catch (error) {
      if (!(await row.isVisible())) return;
      const focused = await row.evaluate((el) => el.classList.contains('focused'), undefined, { timeout: 2_000 }).catch(() => false);
      if (!focused) throw error;
      await this.page.keyboard.press('Enter');
    }
  }

  /** Clicks the quick pick row showing `text` if such a pick opens within `timeoutMs`; false if none did. */
  async pickIfAsked(text: string, timeoutMs = 5_000): Promise<boolean> {
    const row = this.quickInputRow(text);
    const shown = await row.waitFor({ state: 'visible', timeout: timeoutMs }).then(
      () => true,
      () => false,
    );
    if (shown) {
      await this.chooseRow(row);
      await this.quickInput.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
    return shown;
  }

  quickInputRow(text: string): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();
  }

  async closeQuickInput(): Promise<void> {
    for (let i = 0; i < 3 && (await this.isQuickInputOpen()); i++) {
      await this.page.keyboard.press('Escape');
      await this.page.waitForTimeout(150);
    }
  }

  /** Waits for a quick input that is not the command palette (an input box or a pick opened by a command). */
  async waitForCommandInput(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await this.isQuickInputOpen()) && !(await this.quickInputBox.inputValue().catch(() => '>')).startsWith('>')) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error('no input box opened');
  }

  /**
   * Chooses `text` in the open context menu, then waits for its command's input box. With the
   * keyboard: code-server's menu often ignores a click right after the right-click that opened it.
   * The menu can also grow while open (TypeScript adds "Find File References" once it starts) and
   * lose the item under the pointer; then, as a person would, it opens the menu with `reopen` and
   * chooses again.
   */
  async chooseMenuItem(text: string, reopen: () => Promise<void>): Promise<void> {
    const item = this.page.locator('.monaco-menu .action-item').filter({ hasText: text }).first();
    for (let attempt = 1; ; attempt++) {
      // A menu that closed as it opened (focus taken by another part) is opened again too.
      const shown = await item.waitFor({ state: 'visible', timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (shown) {
        await this.page.waitForTimeout(300);
        await item.hover();
        await this.page.keyboard.press('Enter');
        const opened = await this.waitForCommandInput(5_000).then(
          () => true,
          () => false,
        );
        if (opened) return;
      }
      if (attempt >= 3) throw new Error(`"${text}" in the context menu opened no input box (${attempt} tries)`);
      await this.page.keyboard.press('Escape');
      await reopen();
    }
  }

  /** Sets `provider`'s key through **Set API Key…** and its real password box, as a person does. */
  async setApiKey(provider: string, key: string): Promise<void> {
    await this.runCommand('AI Tasks: Set API Key…');
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${provider}$`) }) }).first();
    await row.click({ timeout: 10_000 });
    const box = this.page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    await box.fill(key);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** The prompt box's Model row ("Model: gpt-4o-mini OpenAI — change for this task"): where the prompt will run. */
  async promptBoxModelRow(): Promise<string> {
    const row = this.quickInput.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Model:' }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    return (await row.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Waits for the command's input box and types `text` into it (without submitting). */
  async typeInput(text: string): Promise<void> {
    await this.waitForCommandInput();
    await this.quickInputBox.fill(text);
  }

  /**
   * Presses Enter in the open input box; when the command asks a follow-up question (e.g. a
   * priority pick), accepts its default with Enter, as a hurried person would.
   */
  async submitInput(maxFollowUps = 3): Promise<number> {
    await this.page.keyboard.press('Enter');
    let followUps = 0;
    for (; followUps < maxFollowUps; followUps++) {
      await this.page.waitForTimeout(400);
      if (!(await this.isQuickInputOpen())) break;
      await this.page.keyboard.press('Enter');
    }
    return followUps;
  }

  /** The rows the sidebar's tree shows, in display order (groups have level 1). */
  async sidebarTreeRows(): Promise<TreeRow[]> {
    const rows = await this.page.locator('.part.sidebar .monaco-list-row').evaluateAll((elements: DomElement[]) =>
      elements.map((row) => ({
        index: Number(row.getAttribute('data-index') ?? '0'),
        level: Number(row.getAttribute('aria-level') ?? '1'),
        label: row.querySelector('.label-name')?.textContent?.trim() ?? row.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
      })),
    );
    return rows.sort((a, b) => a.index - b.index);
  }

  /** The level-1 group row above the row whose label contains `label`, e.g. "Completed (1)". */
  async groupOf(label: string): Promise<string | undefined> {
    const rows = await this.sidebarTreeRows();
    const at = rows.findIndex((r) => r.level > 1 && r.label.includes(label));
    if (at < 0) return undefined;
    for (let i = at - 1; i >= 0; i--) if ((rows[i] as TreeRow).level === 1) return (rows[i] as TreeRow).label;
    return undefined;
  }

  sidebarRow(label: string | RegExp): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
  }

  /** Expands the group row whose label starts with `groupName` if it is collapsed. */
  async expandGroup(groupName: string): Promise<void> {
    const row = this.sidebarRow(new RegExp(`^${groupName}\\b`));
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'false') return;
    await row.click();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const rows = await this.sidebarTreeRows();
      if (rows.some((r) => r.level === 1 && r.label.startsWith(groupName) && r.expanded === true)) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`group ${groupName} did not expand`);
  }

  /** Waits until a row containing `label` is shown under the group named `groupName`. */
  async waitForRowInGroup(label: string, groupName: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last: string | undefined;
    while (Date.now() < deadline) {
      await this.assertNoDialog();
      const rows = await this.sidebarTreeRows();
      const group = rows.find((r) => r.level === 1 && r.label.startsWith(groupName));
      if (group && group.expanded === false) await this.expandGroup(groupName).catch(() => undefined);
      last = await this.groupOf(label);
      if (last?.startsWith(groupName)) return last;
      await this.page.waitForTimeout(200);
    }
    const rows = await this.sidebarTreeRows();
    throw new Error(`"${label}" not under "${groupName}" after ${timeoutMs} ms (last group: ${last ?? 'none'}; rows: ${rows.map((r) => `${'  '.repeat(r.level - 1)}${r.label}`).join(' | ')})`);
  }

  /** Hovers the row and clicks its inline action whose tooltip starts with `actionTitle`. */
  async clickInlineAction(rowLabel: string, actionTitle: string): Promise<void> {
    const row = this.sidebarRow(rowLabel);
    await row.hover();
    const action = row.locator(`.actions .action-label[aria-label^="${actionTitle}"]`).first();
    await action.waitFor({ state: 'visible', timeout: 5_000 });
    await action.click();
  }

  /** The content frame of the (single) webview that is showing. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }
}

/** Letters and digits only, lower case: compares rendered markdown with the raw streamed text. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
