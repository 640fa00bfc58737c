/**
 * `util.transform.toElasticsearchQueryDSL` and `util.rds.toJsonObject` (reference appsync-runtime.md
 * §2.4, §2.5). Neither data source (OpenSearch, RDS) is emulated; these pure conversions let resolver
 * code that builds their requests be evaluated and unit-tested locally.
 */
import { isRecord, UtilArgumentError, type HostApi } from './host-api.ts';

type Query = Record<string, unknown>;

const must = (clauses: Query[]): Query => (clauses.length === 1 ? (clauses[0] ?? {}) : { bool: { must: clauses } });

/** One field's operators → OpenSearch clauses (reference §2.4 operator list). */
function fieldClauses(field: string, operators: Record<string, unknown>): Query[] {
  return Object.entries(operators).map(([operator, value]): Query => {
    switch (operator) {
      case 'eq':
        return { term: { [field]: value } };
      case 'ne':
        return { bool: { must_not: [{ term: { [field]: value } }] } };
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return { range: { [field]: { [operator]: value } } };
      case 'range': {
        const bounds = Array.isArray(value) ? { from: value[0], to: value[1] } : isRecord(value) ? value : {};
        return { range: { [field]: { gte: bounds.from, lte: bounds.to } } };
      }
      case 'match':
        return { match: { [field]: value } };
      case 'matchPhrase':
        return { match_phrase: { [field]: value } };
      case 'matchPhrasePrefix':
        return { match_phrase_prefix: { [field]: value } };
      case 'multiMatch':
        return { multi_match: { ...(isRecord(value) ? value : { query: value }), fields: isRecord(value) && Array.isArray(value.fields) ? value.fields : [field] } };
      case 'wildcard':
        return { wildcard: { [field]: value } };
      case 'regexp':
        return { regexp: { [field]: value } };
      case 'exists':
        return value === false ? { bool: { must_not: [{ exists: { field } }] } } : { exists: { field } };
      default:
        throw new UtilArgumentError(`util.transform.toElasticsearchQueryDSL: unknown operator "${operator}" on ${field}`);
    }
  });
}

export function toSearchQuery(filter: unknown): Query {
  if (!isRecord(filter)) throw new UtilArgumentError('util.transform.toElasticsearchQueryDSL expects a filter object');
  const clauses: Query[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new UtilArgumentError(`util.transform.toElasticsearchQueryDSL: "${key}" takes a list`);
      const members = value.map(toSearchQuery);
      clauses.push(key === 'and' ? { bool: { must: members } } : { bool: { should: members, minimum_should_match: 1 } });
    } else if (key === 'not') {
      clauses.push({ bool: { must_not: [toSearchQuery(value)] } });
    } else if (isRecord(value)) {
      clauses.push(must(fieldClauses(key, value)));
    } else {
      throw new UtilArgumentError(`util.transform.toElasticsearchQueryDSL: field ${key} needs an operator object`);
    }
  }
  return must(clauses);
}

interface RdsField {
  isNull?: boolean;
  stringValue?: string;
  longValue?: number;
  doubleValue?: number;
  booleanValue?: boolean;
  blobValue?: string;
  arrayValue?: unknown;
}

function fieldValue(field: RdsField): unknown {
  if (field.isNull) return null;
  for (const key of ['stringValue', 'longValue', 'doubleValue', 'booleanValue', 'blobValue', 'arrayValue'] as const) {
    if (field[key] !== undefined) return field[key];
  }
  return null;
}

/**
 * An RDS Data API ExecuteStatement/BatchExecute result (as the RDS data source serializes it) → one
 * list of row objects per SQL statement, keyed by column name.
 */
export function rdsToJsonObject(serialized: string): unknown[][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(serialized);
  } catch {
    throw new UtilArgumentError('util.rds.toJsonObject expects the serialized RDS result (a JSON string)');
  }
  const statements = isRecord(parsed) && Array.isArray(parsed.sqlStatementResults) ? parsed.sqlStatementResults : [parsed];
  return statements.map((statement) => {
    if (!isRecord(statement)) return [];
    const columns = Array.isArray(statement.columnMetadata) ? statement.columnMetadata.map((column) => (isRecord(column) ? String(column.label ?? column.name ?? '') : '')) : [];
    const records = Array.isArray(statement.records) ? statement.records : [];
    return records.map((record) => {
      const row: Record<string, unknown> = {};
      (Array.isArray(record) ? record : []).forEach((field, index) => {
        row[columns[index] ?? String(index)] = isRecord(field) ? fieldValue(field) : null;
      });
      return row;
    });
  });
}

export function createRdsApi(): HostApi {
  return {
    toJsonObject: (args) => {
      const [serialized] = args;
      if (typeof serialized !== 'string') throw new UtilArgumentError('util.rds.toJsonObject expects a string');
      return rdsToJsonObject(serialized);
    },
  };
}
