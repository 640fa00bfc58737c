import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../../../local/cli/command.ts';
import { formatRows, parseFormat } from '../../../../local/cli/format.ts';

const rows = [
  { modelId: 'a.model', invocations: 12, costUsd: '0.000011000' },
  { modelId: 'with, "comma"', invocations: 3, costUsd: '1.000000000' },
];

describe('formatRows', () => {
  it('quotes CSV cells that hold commas or quotes (RFC 4180)', () => {
    expect(formatRows(rows, ['modelId', 'invocations', 'costUsd'], 'csv')).toEqual([
      'modelId,invocations,costUsd',
      'a.model,12,0.000011000',
      '"with, ""comma""",3,1.000000000',
    ]);
  });

  it('aligns a table: text left, numbers right, under a rule', () => {
    expect(formatRows(rows, ['modelId', 'invocations'], 'table')).toEqual([
      'modelId        invocations',
      '-------------  -----------',
      'a.model                 12',
      'with, "comma"            3',
    ]);
  });

  it('prints JSON with only the asked columns, missing ones as null', () => {
    expect(JSON.parse(formatRows(rows, ['modelId', 'unknown'], 'json')[0] ?? '')).toEqual([
      { modelId: 'a.model', unknown: null },
      { modelId: 'with, "comma"', unknown: null },
    ]);
  });
});

describe('parseFormat', () => {
  it('fails with a usage error naming the choices', () => {
    expect(() => parseFormat('xml', 'table')).toThrow(new CliUsageError('--format must be one of table, csv, json, got "xml"'));
  });
});
