// Entry point of the "AI Task Output" panel. Restores the shown task id, tells the host it is
// ready, then applies validated host messages. The host answers `ready` with a snapshot.
import { parseHostMessage } from '../src/shared/protocol';
import './components';
import { connectHost } from './hostBridge';
import { useHostTranslations } from './hostTranslations';
import { PanelModel } from './panelState';
import { PanelView } from './panelView';
import styles from './styles.css';

// Before anything is drawn: every label below is looked up in the host's translations.
useHostTranslations(document);

// A constructable stylesheet, not a <style> tag, so the CSP needs no 'unsafe-inline'.
const sheet = new CSSStyleSheet();
sheet.replaceSync(styles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const host = connectHost();
const restored = host.restore();
const model = new PanelModel(restored.taskId);
let persistedTaskId = restored.taskId;

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
const view = new PanelView(root, {
  cancel: (taskId) => host.post({ type: 'cancel', taskId }),
  retry: (taskId) => host.post({ type: 'retry', taskId }),
  rate: (taskId, rating) => host.post({ type: 'rate', taskId, rating }),
  result: (taskId, action) => host.post({ type: 'result', taskId, action }),
});
view.render(model.state, 'task');

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) return;
  const change = model.apply(message);
  if (change === 'none') return;
  view.render(model.state, change);
  // Only the task id is persisted: never output, never anything secret.
  if (model.shownTaskId !== persistedTaskId) {
    persistedTaskId = model.shownTaskId;
    host.persist(persistedTaskId === undefined ? {} : { taskId: persistedTaskId });
  }
});

host.post({ type: 'ready' });
