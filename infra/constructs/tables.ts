/**
 * The DynamoDB tables of resolvers/tables.ts, one `dynamodb.Table` each: on-demand, point-in-time
 * recovery, AWS-managed encryption, deletion protection, retained when the stack is deleted (the
 * ledger is the money). TTL is on where the table declares a TTL attribute: the ledger's idempotency
 * records always carry one, and its invocation items do when the functions are given a retention.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLES } from '../../resolvers/tables.ts';
import type { KeyAttribute, TableDefinition, TableName } from '../../resolvers/tables.ts';

export interface LedgerTablesProps {
  /**
   * What happens to the tables when they leave the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * DynamoDB deletion protection: the tables cannot be deleted, by CloudFormation or anyone, until it is
   * turned off.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** Every table of TABLES, addressed by its manifest name; construct ids are the tables' `id`. */
export class LedgerTables extends Construct {
  readonly tables: Readonly<Record<TableName, dynamodb.Table>>;

  constructor(scope: Construct, id: string, props: LedgerTablesProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const deletionProtection = props.deletionProtection ?? true;
    // Every TABLES entry, so a table added to resolvers/tables.ts is deployed without an edit here.
    const tables = Object.fromEntries(
      (Object.entries(TABLES) as Array<[TableName, TableDefinition]>).map(([name, definition]) => [name, this.createTable(definition, removalPolicy, deletionProtection)]),
    ) as Record<TableName, dynamodb.Table>;
    this.tables = tables;
  }

  table(name: TableName): dynamodb.Table {
    return this.tables[name];
  }

  private createTable(definition: TableDefinition, removalPolicy: RemovalPolicy, deletionProtection: boolean): dynamodb.Table {
    const table = new dynamodb.Table(this, definition.id, {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      removalPolicy,
      deletionProtection,
    });
    for (const index of definition.globalIndexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return {
    name: key.name,
    type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
  };
}
