//! Summaries of repeated measurements: the median (what the table shows) and the range, so a
//! noisy machine shows as a wide range instead of a wrong number. Nothing here judges a value.

/** `{median, min, max, runs}` of a list of numbers (milliseconds or counts). */
export function summary(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return { median: null, min: null, max: null, runs: 0 };
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { median, min: xs[0], max: xs[xs.length - 1], runs: xs.length };
}

/** `0.0123` → `0.012`, `12.34` → `12.3`, `1234.5` → `1235`: three significant figures or so. */
export function num(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

/** `1.23 ms (1.10–1.50)`. */
export function showMs(s, unit = 'ms') {
  if (!s || s.median === null) return '—';
  return `${num(s.median)}${unit ? ` ${unit}` : ''} (${num(s.min)}–${num(s.max)})`;
}

/** Difference of two medians, absolute and relative: `+0.12 ms (+8%)`. */
export function overhead(without, withExt, unit = 'ms') {
  if (!without || !withExt || without.median === null || withExt.median === null) return '—';
  const d = withExt.median - without.median;
  const pct = without.median ? ` (${d >= 0 ? '+' : ''}${(100 * d / without.median).toFixed(0)}%)` : '';
  return `${d >= 0 ? '+' : ''}${num(d)}${unit ? ` ${unit}` : ''}${pct}`;
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function widthOf(s) {
  let n = 0;
  for (const ch of String(s)) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/** Prints rows (arrays of cells) as aligned columns, two spaces apart, indented by `indent`. */
export function printTable(rows, indent = '  ') {
  const widths = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, widthOf(cell)); });
  for (const row of rows) {
    const line = row.map((cell, i) => (i === row.length - 1 ? String(cell) : String(cell) + ' '.repeat(widths[i] - widthOf(cell) + 2))).join('');
    console.log(indent + line.trimEnd());
  }
}
