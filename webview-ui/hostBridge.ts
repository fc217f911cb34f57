// The typed edge to the extension host: what the webview may post, and the state it persists.
import { parsePersistedState, type WebviewMessage, type WebviewPersistedState } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

export interface HostBridge {
  post(message: WebviewMessage): void;
  /** The persisted state, or an empty one when there is none or it does not validate. */
  restore(): WebviewPersistedState;
  persist(state: WebviewPersistedState): void;
}

export function connectHost(): HostBridge {
  // acquireVsCodeApi may be called only once per page load.
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    restore: () => parsePersistedState(api.getState()) ?? {},
    persist: (state) => api.setState(state),
  };
}
