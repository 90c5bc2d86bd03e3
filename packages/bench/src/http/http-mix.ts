import { mixSeed, seededRandom } from '../workload/prng.js';
import type { Dataset } from './http-dataset.js';

/** The two request mixes measured over HTTP and through the engine directly. */
export type MixName = 'getkey' | 'list';

/** What one operation of a mix does. */
export type OperationKind = 'GetKey' | 'DownloadSoftware' | 'softwareList' | 'refundEligibility';

/** One operation of a mix, as the partner that sold the purchase. */
export interface Operation {
  readonly kind: OperationKind;
  readonly partner: number;
  readonly subscriptionId: string;
  readonly customerTenantId: string;
  /** For commands: a fresh id, so every command is new work. */
  readonly commandId: string;
}

/** The share of each operation in a mix. */
export const MIXES: Readonly<Record<MixName, readonly (readonly [OperationKind, number])[]>> = {
  getkey: [['GetKey', 0.8], ['DownloadSoftware', 0.1], ['softwareList', 0.1]],
  list: [['softwareList', 0.8], ['refundEligibility', 0.1], ['GetKey', 0.1]],
};

/** Whether an operation writes (a command) rather than reads. */
export function isCommand(kind: OperationKind): boolean {
  return kind === 'GetKey' || kind === 'DownloadSoftware';
}

/** A readable description of a mix, for the table. */
export function describeMix(mix: MixName): string {
  return MIXES[mix].map(([kind, share]) => `${Math.round(share * 100)}% ${kind}`).join(', ');
}

/** The operations of a mix over the data set, the same for a seed whichever side runs them. */
export function mixOperations(data: Dataset, mix: MixName, count: number): Operation[] {
  const random = seededRandom(mixSeed(data.seed, mix === 'getkey' ? 0x6e7 : 0x715));
  const operations: Operation[] = [];
  for (let index = 0; index < count; index += 1) {
    let roll = random.next();
    const kind = (MIXES[mix].find(([, share]) => (roll -= share) < 0) ?? MIXES[mix][0])?.[0] as OperationKind;
    const purchase = data.purchases[Math.floor(random.next() * data.purchases.length)];
    if (purchase === undefined) throw new Error('the data set has no purchases');
    operations.push({ kind, partner: purchase.partner, subscriptionId: purchase.subscriptionId, customerTenantId: purchase.customerTenantId, commandId: `${mix}-${index}` });
  }
  return operations;
}
