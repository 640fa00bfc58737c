/**
 * The fields a function may call on the API itself (`graphqlFields`): each is a resolver of the
 * manifest and a field only IAM may call, so the grant deployed for it opens nothing a key could use.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../resolvers/build.ts';
import { API, FUNCTIONS, RESOLVERS } from '../../../resolvers/manifest.ts';
import type { FunctionDefinition } from '../../../resolvers/manifest.ts';

const read = (path: string): string => readFileSync(resolve(PROJECT_ROOT, path), 'utf8');
const schema = buildSchema(`${read(API.toolingSchemaPath)}\n${read(API.schemaPath)}`);
const called = (Object.values(FUNCTIONS) as FunctionDefinition[]).flatMap((definition) => definition.graphqlFields ?? []);

describe('FUNCTIONS graphqlFields', () => {
  it('lets the invoke-model function publish budget events, and needs AWS_IAM among the API auth modes', () => {
    expect(called).toContain('Mutation.publishBudgetEvent');
    expect(API.additionalAuth).toContain('AWS_IAM');
  });

  it.each(called)('names %s, a resolver of the manifest that only @aws_iam may call', (coordinate) => {
    expect(Object.keys(RESOLVERS)).toContain(coordinate);
    const [typeName = '', fieldName = ''] = coordinate.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    const directives = field?.astNode?.directives?.map((directive) => directive.name.value) ?? [];
    expect(directives.filter((name) => name.startsWith('aws_') && name !== 'aws_subscribe')).toEqual(['aws_iam']);
  });
});
