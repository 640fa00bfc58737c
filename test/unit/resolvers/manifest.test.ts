/**
 * The manifest against the schema, in both directions: every resolver coordinate is a field of
 * schema/schema.graphql, and every root field (Query, Mutation, Subscription) has a resolver.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../resolvers/build.ts';
import { API, RESOLVERS, STEPS, resolverCodePath, stepCodePath } from '../../../resolvers/manifest.ts';
import type { Coordinate, StepName } from '../../../resolvers/manifest.ts';

const read = (path: string): string => readFileSync(resolve(PROJECT_ROOT, path), 'utf8');

function loadSchema(): GraphQLSchema {
  return buildSchema(`${read(API.toolingSchemaPath)}\n${read(API.schemaPath)}`);
}

function rootTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (type): type is GraphQLObjectType => type !== null && type !== undefined,
  );
}

const coordinates = Object.keys(RESOLVERS) as Coordinate[];
const steps = Object.keys(STEPS) as StepName[];

describe('resolvers/manifest.ts', () => {
  const schema = loadSchema();

  it.each(coordinates)('resolves %s, a field that exists in schema/schema.graphql', (coordinate) => {
    const [typeName = '', fieldName = '', ...rest] = coordinate.split('.');
    expect(rest).toEqual([]);
    const type = schema.getType(typeName);
    expect(isObjectType(type), `${typeName} is an object type of the schema`).toBe(true);
    const fields = isObjectType(type) ? type.getFields() : {};
    expect(Object.keys(fields), `${typeName} has a field ${fieldName}`).toContain(fieldName);
  });

  it('has a resolver for every Query, Mutation and Subscription field', () => {
    const rootFields = rootTypes(schema).flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
    expect(rootFields.length).toBeGreaterThan(0);
    const missing = rootFields.filter((coordinate) => !(coordinate in RESOLVERS));
    expect(missing, 'root fields without a RESOLVERS entry').toEqual([]);
  });

  it.each(coordinates)('finds the code of %s at resolvers/<coordinate>.ts', (coordinate) => {
    expect(existsSync(resolve(PROJECT_ROOT, resolverCodePath(coordinate))), resolverCodePath(coordinate)).toBe(true);
  });

  it.each(steps)('finds the code of step %s at resolvers/steps/<step>.ts', (step) => {
    expect(existsSync(resolve(PROJECT_ROOT, stepCodePath(step))), stepCodePath(step)).toBe(true);
  });

  it('uses every step in some pipeline resolver', () => {
    const used = new Set(Object.values(RESOLVERS).flatMap((definition) => (definition.kind === 'PIPELINE' ? definition.steps : [])));
    expect(steps.filter((step) => !used.has(step))).toEqual([]);
  });

  it('deploys a schema that declares none of the tooling-only AppSync scalars and directives', () => {
    const deployed = read(API.schemaPath);
    expect(deployed).not.toMatch(/^\s*directive\s+@aws_/m);
    expect(deployed).not.toMatch(/^\s*scalar\s+AWS/m);
  });
});
