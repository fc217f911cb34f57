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

  /**
   * How much of a growing text can be sent now without risking a key split across two sends:
   * everything but the longest tail that is the beginning of a remembered key.
   */
  safeLength(text: string): number {
    let holdBack = 0;
    for (const secret of this.secrets) {
      for (let k = Math.min(secret.length - 1, text.length); k > holdBack; k--) {
        if (text.endsWith(secret.slice(0, k))) {
          holdBack = k;
          break;
        }
      }
    }
    return text.length - holdBack;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('«redacted»');
    return out;
  }
}
