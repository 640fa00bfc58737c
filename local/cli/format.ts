/** Rows as an aligned text table, CSV (RFC 4180) or JSON. */
import { CliUsageError } from './command.ts';

export type OutputFormat = 'table' | 'csv' | 'json';

export const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json'];

export type Row = Readonly<Record<string, string | number | boolean | null>>;

const text = (value: string | number | boolean | null): string => (value === null ? '' : String(value));

function csvCell(value: string | number | boolean | null): string {
  const cell = text(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Numbers right-aligned, everything else left-aligned. */
export function formatRows(rows: readonly Row[], columns: readonly string[], format: OutputFormat): string[] {
  if (format === 'json') return [JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null]))), null, 2)];
  if (format === 'csv') return [columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column] ?? null)).join(','))];
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => text(row[column] ?? null).length)));
  const line = (cells: readonly (string | number | boolean | null)[]) =>
    cells
      .map((cell, index) => (typeof cell === 'number' ? text(cell).padStart(widths[index] ?? 0) : text(cell).padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...rows.map((row) => line(columns.map((column) => row[column] ?? null)))];
}

export function parseFormat(value: string | undefined, fallback: OutputFormat): OutputFormat {
  if (value === undefined) return fallback;
  const format = FORMATS.find((candidate) => candidate === value);
  if (!format) throw new CliUsageError(`--format must be one of ${FORMATS.join(', ')}, got "${value}"`);
  return format;
}

/** Tags as one cell: `key=value` pairs joined by `;`. */
export const tagsCell = (tags: readonly { readonly key: string; readonly value: string }[]): string =>
  tags.map((tag) => `${tag.key}=${tag.value}`).join(';');

/** `--tag key=value` options (repeatable) as TagInput; the server validates keys and values. */
export function parseTags(options: readonly string[] | undefined): { key: string; value: string }[] {
  return (options ?? []).map((option) => {
    const at = option.indexOf('=');
    if (at < 1) throw new CliUsageError(`--tag must look like key=value, got "${option}"`);
    return { key: option.slice(0, at), value: option.slice(at + 1) };
  });
}
