/** Plain SVG charts: vertical (optionally stacked) bars over days, horizontal bars over names. */
const SVG = 'http://www.w3.org/2000/svg';

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function titled<E extends SVGElement>(element: E, title: string): E {
  element.append(svgElement('title', {}, title));
  return element;
}

export interface Column {
  readonly label: string;
  /** Stacked segments, bottom first; numbers only size the bars. */
  readonly values: readonly number[];
  readonly title: string;
}

const WIDTH = 560;
const HEIGHT = 200;
const LEFT = 8;
const BOTTOM = 18;

/** Bars per column (days), segments stacked; a label under every few columns. */
export function columnChart(container: HTMLElement, columns: readonly Column[], classes: readonly string[] = ['bar']): void {
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img' });
  const max = Math.max(0, ...columns.map((column) => column.values.reduce((sum, value) => sum + value, 0)));
  const plotHeight = HEIGHT - BOTTOM - 4;
  const step = (WIDTH - LEFT) / Math.max(columns.length, 1);
  const labelEvery = Math.ceil(columns.length / 10);
  columns.forEach((column, index) => {
    let y = HEIGHT - BOTTOM;
    const x = LEFT + index * step + step * 0.12;
    column.values.forEach((value, segment) => {
      const height = max > 0 ? (value / max) * plotHeight : 0;
      if (height <= 0) return;
      y -= height;
      svg.append(titled(svgElement('rect', { class: classes[segment] ?? 'bar', x, y, width: step * 0.76, height, 'data-label': column.label }), column.title));
    });
    if (index % labelEvery === 0) svg.append(svgElement('text', { x: x + step * 0.38, y: HEIGHT - 5, 'text-anchor': 'middle' }, column.label));
  });
  svg.append(svgElement('line', { x1: LEFT, x2: WIDTH, y1: HEIGHT - BOTTOM, y2: HEIGHT - BOTTOM, stroke: '#c9cdd8' }));
  if (max === 0) svg.append(svgElement('text', { class: 'empty', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle' }, 'nothing recorded in this period'));
  container.replaceChildren(svg);
}

export interface Row {
  readonly label: string;
  readonly value: number;
  /** Shown at the end of the bar. */
  readonly display: string;
}

/** One horizontal bar per row, longest first as given. */
export function rowChart(container: HTMLElement, rows: readonly Row[]): void {
  const rowHeight = 22;
  const height = Math.max(rows.length, 1) * rowHeight + 4;
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img' });
  const max = Math.max(0, ...rows.map((row) => row.value));
  const labelWidth = 210;
  const barSpace = WIDTH - labelWidth - 90;
  rows.forEach((row, index) => {
    const y = index * rowHeight + 4;
    const label = row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label;
    svg.append(titled(svgElement('text', { x: 0, y: y + 13 }, label), row.label));
    const width = max > 0 ? Math.max((row.value / max) * barSpace, row.value > 0 ? 1 : 0) : 0;
    svg.append(titled(svgElement('rect', { class: 'bar', x: labelWidth, y: y + 2, width, height: rowHeight - 8, 'data-label': row.label }), `${row.label}: ${row.display}`));
    svg.append(svgElement('text', { x: labelWidth + width + 6, y: y + 13 }, row.display));
  });
  if (rows.length === 0) svg.append(svgElement('text', { class: 'empty', x: WIDTH / 2, y: 16, 'text-anchor': 'middle' }, 'nothing recorded in this period'));
  container.replaceChildren(svg);
}
