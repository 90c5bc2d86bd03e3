// A TypeScript module of a platform that bundles its service, checked with
// `moduleResolution: bundler`: a purchase, a GetKey and a softwareList on SQLite.
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { SoftwareItem } from '@csp-onprem/domain';
import { createEngine, localKeyEncryptionKey, type EngineError } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import type { PostgresStoreOptions } from '@csp-onprem/store-postgres';
import type { KurrentdbStoreOptions } from '@csp-onprem/store-kurrentdb';
import type { describeEventStoreContract } from '@csp-onprem/testing';
import type { ParsedArgs } from '@csp-onprem/cli';
import type { SignedTreeHead } from '@csp-onprem/audit';
import type { ServerOptions } from '@csp-onprem/server';

/** The other packages' public types, so that the compiler reads every declaration file. */
export type EveryPackage = [PostgresStoreOptions, KurrentdbStoreOptions, typeof describeEventStoreContract, ParsedArgs, SignedTreeHead, ServerOptions];

const PARTNER = '0a0a0a0a-1111-4111-8111-111111111111';
const CUSTOMER = '0c0c0c0c-2222-4222-8222-222222222222';

function ok<A>(result: E.Either<EngineError, A>): A {
  if (E.isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
  return result.right;
}

export async function buyAndList(path: string): Promise<readonly SoftwareItem[]> {
  const engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
  try {
    const session = engine.as({ userId: 'carol@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] });
    ok(
      await session.execute({
        type: 'PurchaseSoftware',
        commandId: 'bundled-buy-1',
        partnerId: PARTNER,
        customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
        orderId: 'BUN-1001',
        subscriptionId: 'BUN-1001-1',
        product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] },
        quantity: 1,
        unitPrice: { amount: 89900, currency: 'USD' },
      }),
    );
    ok(await session.execute({ type: 'GetKey', commandId: 'bundled-key-1', subscriptionId: 'BUN-1001-1', variant: { version: '2022', language: 'en-us', bitness: '64-bit' } }));
    return ok(await session.softwareList(CUSTOMER));
  } finally {
    await engine.close();
  }
}
