// Error messages are shown to people and written to logs, so anything that might echo a key
// (a vendor error body, a fetch error about an invalid header value) passes through here first.

const REDACTED = '[redacted]';

/** Replaces every occurrence of each secret (and of its trimmed form) with a placeholder. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, secret.trim()])) {
      // Very short values would redact ordinary words; real keys are long.
      if (form.length >= 8) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}
