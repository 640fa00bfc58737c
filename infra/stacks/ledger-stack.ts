/**
 * The one stack: a thin composition of the `BedrockLedgerApi` construct and the outputs a team needs
 * after `npm run deploy`.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BedrockLedgerApi } from '../constructs/bedrock-ledger-api.ts';
import type { BedrockLedgerApiProps } from '../constructs/bedrock-ledger-api.ts';

export interface LedgerStackProps extends StackProps, BedrockLedgerApiProps {}

export class LedgerStack extends Stack {
  readonly ledger: BedrockLedgerApi;

  constructor(scope: Construct, id: string, props: LedgerStackProps = {}) {
    super(scope, id, props);
    this.ledger = new BedrockLedgerApi(this, 'Ledger', props);

    new CfnOutput(this, 'GraphqlUrl', { value: this.ledger.graphqlUrl, description: 'GraphQL endpoint' });
    new CfnOutput(this, 'RealtimeUrl', { value: this.ledger.realtimeUrl, description: 'WebSocket endpoint for subscriptions' });
    if (this.ledger.apiKeyId !== undefined) {
      new CfnOutput(this, 'ApiKeyId', { value: this.ledger.apiKeyId, description: 'AppSync API key id (API_KEY auth, serviceInfo only)' });
    }
    new CfnOutput(this, 'KeysTableName', { value: this.ledger.keysTableName, description: 'Keys table, for: keys create --table-name <this>' });
    new CfnOutput(this, 'LedgerTableName', { value: this.ledger.tables.tables.ledger.tableName });
    new CfnOutput(this, 'KeySecretArn', { value: this.ledger.keySecret.secret.secretArn, description: 'Secret that keys API-key hashes, for: keys create --secret-arn <this>' });
    new CfnOutput(this, 'DashboardUrl', { value: this.ledger.dashboardUrl, description: 'CloudWatch dashboard of cost by principal and model' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.ledger.monitoring.topic.topicArn, description: 'SNS topic of the alarms' });
  }
}
