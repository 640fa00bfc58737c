import { util } from '@aws-appsync/utils';

/** The key condition of a Query over one partition's sort keys from `from` to `to`, inclusive. */
export function sortKeyRange(pk: string, from: string, to: string) {
  return {
    expression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    expressionNames: { '#pk': 'pk', '#sk': 'sk' },
    expressionValues: util.dynamodb.toMapValues({ ':pk': pk, ':from': from, ':to': to }),
  };
}
