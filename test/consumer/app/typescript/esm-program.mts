// A TypeScript ES module of a platform, checked with `module: nodenext`, `skipLibCheck: false`
// and the newest @types/node: a purchase, a GetKey and a softwareList on SQLite, typed through
// the published declarations of every package.
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { SoftwareItem } from '@csp-onprem/domain';
import { CommandIdSet, createEngine, localKeyEncryptionKey, type Engine, type EngineError, type Executed } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { postgresStore } from '@csp-onprem/store-postgres';
import type { KurrentdbStoreOptions } from '@csp-onprem/store-kurrentdb';
import type { describeEventStoreContract } from '@csp-onprem/testing';
import type { ParsedArgs } from '@csp-onprem/cli';
import type { SignedTreeHead } from '@csp-onprem/audit';
import type { ServerOptions } from '@csp-onprem/server';

/** The other packages' public types, so that the compiler reads every declaration file. */
export type EveryPackage = [KurrentdbStoreOptions, typeof describeEventStoreContract, ParsedArgs, SignedTreeHead, ServerOptions];

const PARTNER = '0a0a0a0a-1111-4111-8111-111111111111';
const CUSTOMER = '0c0c0c0c-2222-4222-8222-222222222222';

function ok<A>(result: E.Either<EngineError, A>): A {
  if (E.isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
}

export async function buyAndList(path: string): Promise<readonly SoftwareItem[]> {
  const engine: Engine = createEngine({ store: sqliteStore({ path, synchronous: 'FULL' }), keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
  try {
    const session = engine.as({ userId: 'alice@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] });
    const bought: Executed = ok(
      await session.execute({
        type: 'PurchaseSoftware',
        commandId: 'ts-buy-1',
        partnerId: PARTNER,
        customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
        orderId: 'TS-1001',
        subscriptionId: 'TS-1001-1',
        product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] },
        quantity: 1,
        unitPrice: { amount: 89900, currency: 'USD' },
      }),
    );
    const key = ok(await session.execute({ type: 'GetKey', commandId: 'ts-key-1', subscriptionId: 'TS-1001-1', variant: { version: '2022', language: 'en-us', bitness: '64-bit' } }));
    const productKey: string | undefined = key.productKey;
    console.log(bought.events.length, productKey === undefined);
    return ok(await session.softwareList(CUSTOMER));
  } finally {
    await engine.close();
  }
}

// The command ids a stream holds iterate as strings.
export const ids: Iterable<string> = CommandIdSet.EMPTY.with(['a']);

// The compiler refuses a setting given to the wrong argument, as the store does at run time.
// @ts-expect-error schema belongs in the second argument
export const misplaced = () => postgresStore({ connectionString: 'postgres://db/ledger', schema: 'tenant_a' });
