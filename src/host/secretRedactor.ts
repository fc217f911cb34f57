// Remembers every key the extension has read from SecretStorage and blanks it out of any text
// that leaves the process boundary (logs, webview messages, stored data, exports).

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  remember(secret: string | undefined): void {
    // Very short values would blank out ordinary words; real keys are long.
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  forget(secret: string): void {
    this.secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('«redacted»');
    return out;
  }
}
