// One log output channel for the whole extension, with [component] prefixes. Every line passes
// through the secret redactor first, so an API key can never reach the log.
import * as vscode from 'vscode';
import type { SecretRedactor } from './secretRedactor';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  child(component: string): Logger;
}

export function createLogger(channel: vscode.LogOutputChannel, redactor: SecretRedactor, component = 'extension'): Logger {
  const line = (message: string): string => redactor.redact(`[${component}] ${message}`);
  return {
    info: (m) => channel.info(line(m)),
    warn: (m) => channel.warn(line(m)),
    error: (m, e) => channel.error(line(e === undefined ? m : `${m}: ${e instanceof Error ? e.message : String(e)}`)),
    child: (c) => createLogger(channel, redactor, c),
  };
}
