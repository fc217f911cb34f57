// Small inline SVG icons in the codicon style (16×16, currentColor), built as DOM so they need no
// icon font, no extra request and no CSP allowance.
import type { TaskStatus } from '../src/shared/taskVocabulary';
import { svg } from './element';

export type IconName = TaskStatus | 'warning' | 'stop' | 'retry' | 'error' | 'restart' | 'thumbsUp' | 'thumbsDown';

const STROKE = { fill: 'none', stroke: 'currentColor', 'stroke-width': 1.4, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };

function shapes(name: IconName): SVGElement[] {
  switch (name) {
    case 'queued':
    case 'waiting':
      return [svg('circle', { cx: 8, cy: 8, r: 6.2, ...STROKE }), svg('path', { d: 'M8 4.5V8l2.4 1.6', ...STROKE })];
    case 'running':
      return [
        svg('circle', { cx: 8, cy: 8, r: 6, ...STROKE, opacity: 0.3 }),
        svg('path', { d: 'M8 2a6 6 0 0 1 6 6', ...STROKE, 'stroke-width': 1.8 }),
      ];
    case 'completed':
      return [svg('circle', { cx: 8, cy: 8, r: 6.2, ...STROKE }), svg('path', { d: 'M5.2 8.2l1.9 1.9 3.8-4.1', ...STROKE })];
    case 'failed':
    case 'error':
      return [svg('circle', { cx: 8, cy: 8, r: 6.2, ...STROKE }), svg('path', { d: 'M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4', ...STROKE })];
    case 'cancelled':
      return [svg('circle', { cx: 8, cy: 8, r: 6.2, ...STROKE }), svg('path', { d: 'M3.6 12.4l8.8-8.8', ...STROKE })];
    case 'warning':
      return [svg('path', { d: 'M8 1.8L14.6 13.6H1.4z', ...STROKE }), svg('path', { d: 'M8 6v3.6M8 11.6v.1', ...STROKE, 'stroke-width': 1.6 })];
    case 'stop':
      return [svg('rect', { x: 3.5, y: 3.5, width: 9, height: 9, rx: 1.2, ...STROKE })];
    case 'thumbsUp':
      return [svg('path', { d: 'M2.5 7.2h2.3v6.3H2.5zM4.8 7.2l2.6-4.9c.9 0 1.6.7 1.5 1.6l-.3 2.3h3.9c.8 0 1.4.8 1.2 1.6l-1 4.5c-.1.6-.7 1.2-1.3 1.2H4.8', ...STROKE })];
    case 'thumbsDown':
      return [svg('path', { d: 'M2.5 8.8h2.3V2.5H2.5zM4.8 8.8l2.6 4.9c.9 0 1.6-.7 1.5-1.6l-.3-2.3h3.9c.8 0 1.4-.8 1.2-1.6l-1-4.5c-.1-.6-.7-1.2-1.3-1.2H4.8', ...STROKE })];
    case 'retry':
    case 'restart':
      return [svg('path', { d: 'M13 8a5 5 0 1 1-1.6-3.7', ...STROKE }), svg('path', { d: 'M11.8 1.8v2.9H8.9', ...STROKE })];
  }
}

export function icon(name: IconName, extraClass = ''): SVGSVGElement {
  return svg('svg', { class: `icon icon-${name}${extraClass ? ` ${extraClass}` : ''}`, viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' }, ...shapes(name));
}
