// Turns a burst of calls into one call at most every `intervalMs` — for refreshes driven by
// per-task notifications (a hundred queued tasks counting down would otherwise redraw a hundred times).
import type * as vscode from 'vscode';

export interface CoalescedCall extends vscode.Disposable {
  (): void;
}

export function coalescedCall(fn: () => void, intervalMs: number): CoalescedCall {
  let timer: NodeJS.Timeout | undefined;
  const call = (() => {
    timer ??= setTimeout(() => {
      timer = undefined;
      fn();
    }, intervalMs);
  }) as CoalescedCall;
  call.dispose = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
