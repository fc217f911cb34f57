// Settings are read at start and again on every change; a bad value would otherwise be announced
// each time. A problem is announced when it appears, not while it stays (an unrelated change
// reads it again, silently), and again only if it goes away and comes back.
import type { SettingProblem } from './settingsValues';

export class SettingsProblemNotices {
  private current = new Set<string>();

  /** `announce` logs and shows one problem's message. */
  constructor(private readonly announce: (message: string) => void) {}

  /** Takes the problems of the latest read and announces those the previous read did not have. */
  report(problems: readonly SettingProblem[]): void {
    const next = new Set(problems.map((p) => p.message));
    for (const message of next) if (!this.current.has(message)) this.announce(message);
    this.current = next;
  }
}
