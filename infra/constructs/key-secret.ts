/**
 * The secret that keys API-key hashes (HMAC). Losing it makes every issued key unverifiable, so it is
 * retained when the stack is deleted; only functions bound to it may read it.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { NodeFunction } from './node-function.ts';

export interface KeySecretProps {
  /**
   * Length of the generated secret.
   * @default 64
   */
  readonly length?: number;
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The environment variable functions/lib/config.ts reads the secret's ARN from. */
export const KEY_HASH_SECRET_ARN = 'KEY_HASH_SECRET_ARN';

export class KeySecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: KeySecretProps = {}) {
    super(scope, id);
    const length = props.length ?? 64;
    if (!Number.isInteger(length) || length < 32 || length > 4096) {
      throw new Error(`KeySecret ${this.node.path}: length must be an integer from 32 to 4096, got ${length}`);
    }
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'bedrock-ledger: HMAC secret for API key hashes. Replacing it invalidates every issued key.',
      generateSecretString: { passwordLength: length, excludePunctuation: true, includeSpace: false },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /** Grants read and passes the ARN in KEY_HASH_SECRET_ARN, in one step. */
  bind(fn: NodeFunction): void {
    this.secret.grantRead(fn.function);
    fn.addEnvironment(KEY_HASH_SECRET_ARN, this.secret.secretArn);
  }
}
