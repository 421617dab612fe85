/**
 * Medians and ranges over rounds, ratios taken round by round (each app round
 * against the baseline round beside it, so what the machine was doing then
 * cancels), and the Markdown tables the bench prints, ready to paste into
 * docs/performance.md.
 */

export type Spread = { median: number; min: number; max: number; count: number };

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, count: sorted.length };
}

/** The spread of a[i] ÷ b[i], pair by pair. */
export function ratioSpread(a: readonly number[], b: readonly number[]): Spread {
  if (a.length !== b.length) throw new Error('ratios need pairs');
  return spread(a.map((value, index) => value / b[index]!));
}

/** "61.2 (58.0–64.1)"; the median alone when there was one round. */
export function show(value: Spread, digits = 1, unit = ''): string {
  const number = (n: number) => `${n.toFixed(digits)}${unit}`;
  if (value.count === 1 || value.min === value.max) return number(value.median);
  return `${number(value.median)} (${number(value.min)}–${number(value.max)})`;
}

export function showRatio(value: Spread): string {
  return show(value, 2, '×');
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
