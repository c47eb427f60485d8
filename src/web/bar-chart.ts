// A horizontal bar chart as inline SVG: each bar has its label above it and its number after
// it as text, so it reads without colour, in a screen reader (role="img" with a title and a
// description listing every value) and on a phone (labels on their own line, not squeezed
// beside the bars). Presentation attributes only: the CSP allows no inline style.
import { html } from 'hono/html';
import type { Html } from './layout.js';

export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 320;
const ROW = 46;
const BAR_HEIGHT = 18;
const VALUE_ROOM = 48;

export function barChart(id: string, title: string, bars: Bar[]): Html {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = Math.max(ROW, bars.length * ROW + 4);
  const description = bars.map((b) => `${b.label}: ${b.value}`).join('; ');
  return html`<svg class="chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
  <title id="${id}-title">${title}</title>
  <desc id="${id}-desc">${description || 'No counts yet.'}</desc>
  ${bars.map((b, i) => {
    const y = i * ROW;
    const length = max > 0 ? Math.round((b.value / max) * (WIDTH - VALUE_ROOM)) : 0;
    return html`<g class="bar-row">
    <text class="bar-label" x="0" y="${y + 15}">${b.label}</text>
    <rect class="bar" x="0" y="${y + 21}" width="${Math.max(length, b.value > 0 ? 2 : 0)}" height="${BAR_HEIGHT}"></rect>
    <line class="axis" x1="0" y1="${y + 19}" x2="0" y2="${y + 21 + BAR_HEIGHT + 2}"></line>
    <text class="bar-value" x="${length + 6}" y="${y + 35}">${String(b.value)}</text>
  </g>`;
  })}
</svg>`;
}
