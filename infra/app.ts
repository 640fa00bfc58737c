/**
 * CDK app entry (`npm run synth`, `npm run deploy`, `npm run destroy`; cdk.json runs it with tsx).
 * Synthesizes one stack from the typed context of infra/context.ts (env-agnostic unless a region is
 * given) and checks it with cdk-nag's AwsSolutions pack: synth fails on any unacknowledged finding.
 * Needs no credentials and does no lookups.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readContext } from './context.ts';
import { LedgerStack } from './stacks/ledger-stack.ts';

const app = new App();
const { stackName, props } = readContext(app);
new LedgerStack(app, stackName, props);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
