/**
 * A Node.js 22 (arm64) Lambda function whose code is resolvers/build.ts's
 * `bundleFunctionWithSourceMap(entry)`: the one bundler, minified, with its source map beside it
 * (`index.mjs.map`, used through NODE_OPTIONS=--enable-source-maps), run in-process through CDK's
 * local bundling, so synth needs no Docker. Both files are written only into CDK's own staging
 * directory under cdk.out.
 */
import { writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ArnFormat, AssetHashType, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PROJECT_ROOT, bundleFunctionWithSourceMap } from '../../resolvers/build.ts';

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
  /**
   * Concurrent executions reserved for (and the most allowed to) this function.
   * @default - none: the function shares the account's unreserved concurrency
   */
  readonly reservedConcurrentExecutions?: number;
}

/** Which Bedrock models a function may invoke. */
export interface BedrockAccess {
  /**
   * Model ids (e.g. `anthropic.claude-3-haiku-20240307-v1:0`) and cross-region inference profile ids
   * (e.g. `us.anthropic.claude-3-haiku-20240307-v1:0`) the function may invoke.
   * @default - every foundation model, and every inference profile of this account
   */
  readonly modelIds?: readonly string[];
}

/** The IAM actions of InvokeModel, InvokeModelWithResponseStream, Converse and ConverseStream. */
export const BEDROCK_INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const;

/** What is wrong with a list of model ids, if anything (so a composing construct can check before building). */
export function modelIdsProblem(modelIds: readonly string[] | undefined): string | undefined {
  if (modelIds === undefined) return undefined;
  if (modelIds.length === 0) return 'modelIds is empty; omit it to allow every model';
  const invalid = modelIds.find((modelId) => !/^[A-Za-z0-9][A-Za-z0-9.:_-]*$/.test(modelId));
  return invalid === undefined ? undefined : `"${invalid}" is not a Bedrock model or inference profile id such as anthropic.claude-3-haiku-20240307-v1:0`;
}

/** Geography prefixes of system-defined cross-region inference profiles. */
const INFERENCE_PROFILE_PREFIX = /^(us|eu|apac|us-gov|jp|au|ca|global)\./;

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
    // Its own role with write access to its own log group only, instead of the managed
    // AWSLambdaBasicExecutionRole, which allows writing to every log group of the account.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);
    this.function = new lambda.Function(this, 'Function', {
      role,
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
              const bundle = bundleFunctionWithSourceMap(entry);
              writeFileSync(join(outputDir, 'index.mjs'), bundle.code);
              writeFileSync(join(outputDir, 'index.mjs.map'), bundle.map);
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
      ...(props.reservedConcurrentExecutions === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
    });
    this.addEnvironment('NODE_OPTIONS', '--enable-source-maps');
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
   * Allows InvokeModel and InvokeModelWithResponseStream (the actions Converse and ConverseStream are
   * authorized as) on foundation models and inference profiles, and GetInferenceProfile on the
   * profiles; never on `*`. With `modelIds`, only on those models and profiles (a cross-region profile
   * also needs its foundation model, in whichever region the profile routes to).
   */
  grantInvokeBedrock(access: BedrockAccess = {}): this {
    const stack = Stack.of(this);
    const arn = (account: string, resource: string, resourceName: string): string =>
      stack.formatArn({ service: 'bedrock', region: '*', account, resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    const profiles: string[] = [];
    const models: string[] = [];
    if (access.modelIds === undefined) {
      models.push(arn('', 'foundation-model', '*'));
      profiles.push(arn(stack.account, 'inference-profile', '*'), arn(stack.account, 'application-inference-profile', '*'));
    } else {
      const problem = modelIdsProblem(access.modelIds);
      if (problem !== undefined) throw new Error(`NodeFunction ${this.node.path}: ${problem}`);
      for (const modelId of access.modelIds) {
        const profile = INFERENCE_PROFILE_PREFIX.exec(modelId);
        if (profile) {
          profiles.push(arn(stack.account, 'inference-profile', modelId));
          models.push(arn('', 'foundation-model', modelId.slice(profile[0].length)));
        } else {
          models.push(arn('', 'foundation-model', modelId));
        }
      }
    }
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: [...BEDROCK_INVOKE_ACTIONS], resources: [...new Set([...models, ...profiles])] }));
    if (profiles.length > 0) {
      this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:GetInferenceProfile'], resources: [...new Set(profiles)] }));
    }
    return this;
  }
}
