import type { Customer } from '@csp-onprem/domain';
import { customers } from './cast.js';
import { sqlServer2019Standard, windowsServer2022Datacenter, type CatalogEntry } from './catalog.js';
import type { RunIds } from './run-ids.js';

/** One order line of the story: who it is for, what, how many, under which ids. */
export interface StoryPurchase {
  readonly customer: Customer;
  readonly orderId: string;
  readonly subscriptionId: string;
  readonly entry: CatalogEntry;
  readonly quantity: number;
}

/** The story's three order lines: Contoso's order of two lines and Fabrikam's order of one. */
export interface StoryPurchases {
  readonly contosoSql: StoryPurchase;
  readonly contosoWindows: StoryPurchase;
  readonly fabrikamSql: StoryPurchase;
}

/** The order lines of one run. */
export function storyPurchases(ids: RunIds): StoryPurchases {
  return {
    contosoSql: { customer: customers.contoso, orderId: ids.contosoOrder, subscriptionId: ids.contosoSql, entry: sqlServer2019Standard, quantity: 8 },
    contosoWindows: {
      customer: customers.contoso,
      orderId: ids.contosoOrder,
      subscriptionId: ids.contosoWindows,
      entry: windowsServer2022Datacenter,
      quantity: 2,
    },
    fabrikamSql: { customer: customers.fabrikam, orderId: ids.fabrikamOrder, subscriptionId: ids.fabrikamSql, entry: sqlServer2019Standard, quantity: 4 },
  };
}
