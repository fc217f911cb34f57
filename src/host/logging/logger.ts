// One log output channel for the whole extension, with [component] prefixes. Every line passes
// through the secret redactor first, so an API key can never reach the log.
import * as vscode from 'vscode';
import type { SecretRedactor } from '../secrets/secretRedactor';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  child(component: string): Logger;
}

/** The most recent lines exactly as written to the channel, for the secrecy test and diagnostics. */
export class LogTail {
  private readonly lines: string[] = [];
  constructor(private readonly max = 2_000) {}
  push(line: string): void {
    if (this.lines.length >= this.max) this.lines.shift();
    this.lines.push(line);
  }
  snapshot(): readonly string[] {
    return [...this.lines];
  }
}

export function createLogger(channel: vscode.LogOutputChannel, redactor: SecretRedactor, tail: LogTail, component = 'extension'): Logger {
  const line = (message: string): string => {
    const text = redactor.redact(`[${component}] ${message}`);
    tail.push(text);
    return text;
  };
  return {
    info: (m) => channel.info(line(m)),
    warn: (m) => channel.warn(line(m)),
    error: (m, e) => channel.error(line(e === undefined ? m : `${m}: ${e instanceof Error ? e.message : String(e)}`)),
    child: (c) => createLogger(channel, redactor, tail, c),
  };
}
