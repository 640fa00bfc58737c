/**
 * An optional AWS WAF web ACL in front of the GraphQL API: AWS's managed common, known-bad-inputs and
 * IP-reputation rules, and a per-IP rate limit. The common rule set's 8 KB body-size rule only counts,
 * because invokeModel requests carry whole prompts.
 */
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface LedgerWebAclProps {
  /** ARN of the AppSync API to protect. */
  readonly apiArn: string;
  /**
   * Requests one IP address may make in 5 minutes before it is blocked (10 to 2,000,000,000).
   * @default 2000
   */
  readonly rateLimitPer5Minutes?: number;
}

export const DEFAULT_WAF_RATE_LIMIT = 2000;

/** What is wrong with a rate limit, if anything (so a composing construct can check before building). */
export function rateLimitProblem(rateLimitPer5Minutes: number | undefined): string | undefined {
  const limit = rateLimitPer5Minutes ?? DEFAULT_WAF_RATE_LIMIT;
  return Number.isInteger(limit) && limit >= 10 && limit <= 2_000_000_000 ? undefined : `rateLimitPer5Minutes must be an integer from 10 to 2000000000, got ${limit}`;
}

/** AWS managed rule groups, in evaluation order. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'] as const;

export class LedgerWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: LedgerWebAclProps) {
    super(scope, id);
    const problem = rateLimitProblem(props.rateLimitPer5Minutes);
    if (problem !== undefined) throw new Error(`LedgerWebAcl ${this.node.path}: ${problem}`);
    const limit = props.rateLimitPer5Minutes ?? DEFAULT_WAF_RATE_LIMIT;
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managed: wafv2.CfnWebACL.RuleProperty[] = MANAGED_RULE_GROUPS.map((name, priority) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(name === 'AWSManagedRulesCommonRuleSet' ? { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] } : {}),
        },
      },
      visibilityConfig: visibility(name),
    }));
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('bedrock-ledger'),
      rules: [
        ...managed,
        {
          name: 'RateLimitPerIp',
          priority: managed.length,
          action: { block: {} },
          statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', { resourceArn: props.apiArn, webAclArn: this.webAcl.attrArn });
  }
}
