export type Row = Record<string, string | number>;

/** Prints rows as an aligned text table: numbers right-aligned, text left-aligned. */
export function printTable(title: string, rows: readonly Row[], note?: string): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log('  (no rows)');
    return;
  }
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((row) => columns.map((column) => String(row[column] ?? '')));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i]!.length)));
  const numeric = columns.map((column) => rows.every((row) => typeof row[column] === 'number' || /^[\d.,%x –-]+$/.test(String(row[column]))));
  const format = (line: string[]) =>
    `  ${line.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  console.log(format(columns));
  console.log(`  ${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const line of cells) console.log(format(line));
  if (note) console.log(`  ${note}`);
}
