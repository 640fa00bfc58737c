/**
 * A Node.js 22 (arm64) Lambda function whose code is resolvers/build.ts's `bundleFunction(entry)`:
 * the one bundler, run in-process through CDK's local bundling, so synth needs no Docker. The bundle
 * is written only into CDK's own staging directory under cdk.out.
 */
import { writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ArnFormat, AssetHashType, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PROJECT_ROOT, bundleFunction } from '../../resolvers/build.ts';

export type TableAccess = 'read' | 'readWrite';

export interface NodeFunctionProps {
  /** Handler module relative to the project root (e.g. `functions/authorizer/handler.ts`); it exports `handler`. */
  readonly entry: string;
  /**
   * @default - no description
   */
  readonly description?: string;
  /**
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MiB.
   * @default 128
   */
  readonly memorySize?: number;
  /**
   * Environment variables besides those set by `bindTable` and `addEnvironment`.
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * How long the function's log group keeps events.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * X-Ray active tracing.
   * @default lambda.Tracing.ACTIVE
   */
  readonly tracing?: lambda.Tracing;
}

/** Environment variable names a handler can read: letters, digits and underscores, not starting with a digit. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class NodeFunction extends Construct {
  readonly function: lambda.Function;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const entry = resolve(PROJECT_ROOT, props.entry);
    if (!existsSync(entry)) {
      throw new Error(`NodeFunction ${this.node.path}: entry ${props.entry} does not exist; create it or fix the entry in resolvers/manifest.ts`);
    }
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(dirname(entry), {
        // The hash is of the bundle, so a change anywhere in the handler's imports redeploys it.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Required by the type; never pulled, because local bundling always succeeds.
          image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
          // Part of CDK's in-process staging cache key, so two entries in one folder never share a bundle.
          environment: { ENTRY: props.entry },
          local: {
            tryBundle(outputDir: string): boolean {
              writeFileSync(join(outputDir, 'index.mjs'), bundleFunction(entry));
              return true;
            },
          },
        },
      }),
      ...(props.description === undefined ? {} : { description: props.description }),
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 128,
      tracing: props.tracing ?? lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
    });
    for (const [name, value] of Object.entries(props.environment ?? {})) this.addEnvironment(name, value);
  }

  /** Sets an environment variable the handler reads through functions/lib/config.ts. */
  addEnvironment(name: string, value: string): this {
    if (!ENV_NAME.test(name)) {
      throw new Error(`NodeFunction ${this.node.path}: environment variable name "${name}" is invalid; use letters, digits and underscores`);
    }
    this.function.addEnvironment(name, value);
    return this;
  }

  /** Grants the access and passes the table's name in `envName`, in one step, so neither is forgotten. */
  bindTable(envName: string, table: dynamodb.ITable, access: TableAccess): this {
    if (access === 'read') table.grantReadData(this.function);
    else table.grantReadWriteData(this.function);
    return this.addEnvironment(envName, table.tableName);
  }

  /**
   * Allows InvokeModel (and its streaming form) on foundation models in any region and on this
   * account's inference profiles, which cross-region calls need; never on `*`.
   */
  grantInvokeBedrock(): this {
    const stack = Stack.of(this);
    const arn = (account: string, resource: string): string =>
      stack.formatArn({ service: 'bedrock', region: '*', account, resource, resourceName: '*', arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: [
          arn('', 'foundation-model'),
          arn(stack.account, 'inference-profile'),
          arn(stack.account, 'application-inference-profile'),
        ],
      }),
    );
    return this;
  }
}
