// One log output channel for the whole extension, with [component] prefixes. Every line passes
// through the secret redactor first, so an API key can never reach the log.
import * as vscode from 'vscode';
import type { SecretRedactor } from '../secrets/secretRedactor';
import type { RecentItems } from './recentItems';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  child(component: string): Logger;
}

/**
 * `tail`, when given, receives every line exactly as written to the channel (the key-secrecy test
 * reads it). Only test mode passes one; otherwise nothing keeps the lines.
 */
export function createLogger(channel: vscode.LogOutputChannel, redactor: SecretRedactor, tail?: RecentItems<string>, component = 'extension'): Logger {
  const line = (message: string): string => {
    const text = redactor.redact(`[${component}] ${message}`);
    tail?.push(text);
    return text;
  };
  return {
    info: (m) => channel.info(line(m)),
    warn: (m) => channel.warn(line(m)),
    error: (m, e) => channel.error(line(e === undefined ? m : `${m}: ${e instanceof Error ? e.message : String(e)}`)),
    child: (c) => createLogger(channel, redactor, tail, c),
  };
}
