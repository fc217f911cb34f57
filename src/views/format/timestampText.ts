// Dates a person reads in the tree, tooltips, pickers and reports: "2026-12-02 14:09", local time.
// No month names or AM/PM: the extension host's Intl knows only the server process's locale, not
// VS Code's display language, so a spelled-out date would stay English in a translated window;
// numbers in this order read the same in every language and sort as text.
const pad = (n: number): string => String(n).padStart(2, '0');

export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
