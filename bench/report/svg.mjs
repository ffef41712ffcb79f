// A few SVG primitives: enough for bar and line charts without a chart library.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (value) => String(value).replace(/[&<>"]/g, (c) => ESCAPES[c]);

export function text(
  x,
  y,
  content,
  { size = 11, anchor = 'start', weight = 'normal', fill = '#333' } = {},
) {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" text-anchor="${anchor}" font-weight="${weight}" fill="${fill}">${esc(content)}</text>`;
}

export function rect(x, y, width, height, fill, title) {
  const tooltip = title ? `<title>${esc(title)}</title>` : '';
  return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, width).toFixed(1)}" height="${Math.max(0, height).toFixed(1)}" fill="${fill}">${tooltip}</rect>`;
}

export function line(x1, y1, x2, y2, { stroke = '#999', dash, width = 1 } = {}) {
  const dashed = dash ? ` stroke-dasharray="${dash}"` : '';
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${stroke}" stroke-width="${width}"${dashed}/>`;
}

export function polyline(points, stroke) {
  const path = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return `<polyline points="${path}" fill="none" stroke="${stroke}" stroke-width="2"/>`;
}

/** Maps [min, max] onto [from, to] logarithmically; values outside are clamped. */
export function logScale(min, max, from, to) {
  const span = Math.log10(max) - Math.log10(min);
  return (value) => {
    const clamped = Math.min(max, Math.max(min, value));
    return from + ((Math.log10(clamped) - Math.log10(min)) / span) * (to - from);
  };
}

export function linearScale(min, max, from, to) {
  return (value) => from + ((value - min) / (max - min || 1)) * (to - from);
}

/** Powers of ten from just below `min` to just above `max`. */
export function decades(min, max) {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  return Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
}

export function svgDocument(width, height, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">\n<rect width="100%" height="100%" fill="#fff"/>\n${body.join('\n')}\n</svg>\n`;
}
