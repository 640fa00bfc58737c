/**
 * `npm run seed-prices -- --table <prices table> --region <region>`: writes the bundled price catalogue
 * (functions/lib/data/bedrock-prices.json) into a deployed stack's prices table, with your AWS
 * credentials. Rows already there are never overwritten; `npm start` seeds its own table by itself.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bundledPriceItems, seedPriceCatalogue } from '../functions/lib/price-catalogue.ts';

const { values } = parseArgs({ args: process.argv.slice(2), options: { table: { type: 'string' }, region: { type: 'string' } }, strict: true });
if (!values.table || !values.region) {
  process.stderr.write('error: pass --table <prices table name> --region <region> (the stack outputs name the table)\n');
  process.exit(2);
}
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: values.region }));
const written = await seedPriceCatalogue(db, values.table);
process.stdout.write(`Seeded ${written} of ${bundledPriceItems().length} bundled price rows (the others were there already)\n`);
