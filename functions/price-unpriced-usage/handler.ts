import type { Caller } from '../../resolvers/lib/identity.ts';
import type { LambdaResult } from '../../resolvers/lib/lambda-result.ts';
import { nanoToUsd } from '../../resolvers/lib/money.ts';
import type { UnpricedPricingRun } from '../../schema/__generated__/graphql.ts';
import { priceUnpricedUsage } from '../lib/adjustments.ts';
import { createDocumentClient } from '../lib/clients.ts';
import { tableName } from '../lib/config.ts';
import { config } from '../lib/env.ts';
import { UnauthorizedError, ValidationError } from '../lib/errors.ts';
import { handleClientErrors } from '../lib/lambda-result.ts';
import { createLogger } from '../lib/logger.ts';

const db = createDocumentClient(config);
const tables = { ledger: tableName(config, 'ledger'), prices: tableName(config, 'prices') };
const log = createLogger('price-unpriced-usage', config.logLevel, (line) => process.stdout.write(line));

export interface PriceUnpricedUsageEvent {
  readonly month: string;
  readonly caller: Caller;
}

export async function handler(event: PriceUnpricedUsageEvent): Promise<LambdaResult<UnpricedPricingRun>> {
  return handleClientErrors(log, async () => {
    if (event.caller.role !== 'ADMIN') throw new UnauthorizedError('Only an ADMIN key may price unpriced usage');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(event.month)) throw new ValidationError(`month must look like 2026-11, got "${event.month}"`);
    const run = await priceUnpricedUsage(db, tables, event.month);
    log.info('unpriced usage priced', { month: run.month, examined: run.examined, priced: run.priced, adjustmentNanoUsd: run.adjustmentNanoUsd.toString() });
    return {
      month: run.month,
      examined: run.examined,
      priced: run.priced,
      stillUnpriced: run.stillUnpriced,
      adjustmentNanoUsd: run.adjustmentNanoUsd.toString(),
      adjustmentUsd: nanoToUsd(run.adjustmentNanoUsd.toString()),
    };
  });
}
