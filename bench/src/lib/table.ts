/** One line of the results table. */
export interface Row {
  section: string;
  metric: string;
  value: string;
  /** What the value is compared with (the direct upstream, the passthrough, the SQL floor). */
  reference: string;
  target: string;
  verdict: 'PASS' | 'MISS' | '' | 'not run' | 'not available';
  /** Raw numbers, for the JSON file. */
  data?: Record<string, unknown>;
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : 'n/a');
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');
export const perSecond = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)}/s` : 'n/a');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const verdict = (pass: boolean): Row['verdict'] => (pass ? 'PASS' : 'MISS');

export function notRun(section: string, metric: string, reason: string, target = ''): Row {
  return { section, metric, value: reason, reference: '', target, verdict: 'not run' };
}

const columns: { title: string; pick: (row: Row) => string }[] = [
  { title: 'section', pick: (row) => row.section },
  { title: 'metric', pick: (row) => row.metric },
  { title: 'value', pick: (row) => row.value },
  { title: 'reference', pick: (row) => row.reference },
  { title: 'target', pick: (row) => row.target },
  { title: 'result', pick: (row) => row.verdict },
];

export function renderTable(rows: readonly Row[]): string {
  const widths = columns.map(({ title, pick }) =>
    Math.max(title.length, ...rows.map((row) => pick(row).length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
  return [
    line(columns.map(({ title }) => title)),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map((row) => line(columns.map(({ pick }) => pick(row)))),
  ].join('\n');
}
