// The whole seconds a visible countdown shows ("retrying in 3s", "next probe in 8s").

/** How early a countdown tick may fire and still show the second it was scheduled for. */
const COUNTDOWN_SLACK_MS = 50;

/**
 * Seconds left, rounded up, never below 1 while there is any wait left. Timers can fire a
 * millisecond early by the clock; without the slack a tick due at "1s left" would still read
 * 1001 ms, show "2s" again, and the countdown would skip a second.
 */
export function countdownSeconds(msLeft: number): number {
  return Math.max(1, Math.ceil((msLeft - COUNTDOWN_SLACK_MS) / 1000));
}
