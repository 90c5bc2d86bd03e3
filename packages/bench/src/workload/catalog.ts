import type { Actor, Product } from '@csp-onprem/domain';
import { mixSeed, seededRandom } from './prng.js';

/** A CSP partner: its tenant and the AdminAgents who act for it. */
export interface Partner {
  readonly tenantId: string;
  readonly admins: readonly Actor[];
}

/** A customer tenant, the partner that sells to it, and its GlobalAdmin. */
export interface Customer {
  readonly tenantId: string;
  readonly domain: string;
  readonly partner: Partner;
  readonly globalAdmin: Actor;
}

/** A product on sale with its list price in minor units (USD cents). */
export interface CatalogProduct {
  readonly product: Product;
  readonly unitPrice: number;
}

/** Everyone and everything a workload draws from. */
export interface Catalog {
  readonly partners: readonly Partner[];
  readonly customers: readonly Customer[];
  readonly products: readonly CatalogProduct[];
  readonly support: readonly Actor[];
}

const PRODUCTS: readonly CatalogProduct[] = [
  ['DG7GMGF0D3RK', 'Windows Server 2022 Standard - 16 Core License Pack', ['2022', '2019', '2016'], 97_200],
  ['DG7GMGF0D3SJ', 'Windows Server 2022 Datacenter - 16 Core License Pack', ['2022', '2019'], 615_500],
  ['DG7GMGF0FKZV', 'SQL Server 2022 Standard - 2 Core License Pack', ['2022', '2019'], 390_700],
  ['DG7GMGF0FLR2', 'SQL Server 2022 Enterprise - 2 Core License Pack', ['2022', '2019', '2017'], 1_497_700],
  ['DG7GMGF0D7FV', 'Office LTSC Professional Plus 2021', ['2021', '2019'], 56_900],
  ['DG7GMGF0F4MC', 'Project Professional 2021', ['2021', '2019'], 137_700],
  ['DG7GMGF0F4MH', 'Visio Professional 2021', ['2021', '2019'], 61_300],
  ['DG7GMGF0D5RX', 'Exchange Server 2019 Standard', ['2019', '2016'], 87_800],
  ['DG7GMGF0D5VX', 'SharePoint Server Subscription Edition', ['SE', '2019'], 735_900],
  ['DG7GMGF0DWMS', 'Windows 11 Enterprise LTSC 2024 Upgrade', ['2024', '2021'], 27_200],
].map(([productId, title, versions, unitPrice], index) => ({
  product: {
    productId: productId as string,
    skuId: `000${index % 4}`,
    title: title as string,
    versions: versions as string[],
    languages: ['en-us', 'de-de', 'fr-fr', 'ja-jp'].slice(0, 2 + (index % 3)),
    bitness: index % 3 === 0 ? ['64-bit'] : ['64-bit', '32-bit'],
  },
  unitPrice: unitPrice as number,
}));

const SUPPORT_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/**
 * Builds the partners, customers and products of a workload. Sized by purchases: about one
 * partner per 5,000 purchases (at least 3) and one customer per 50 (at least 10), so every
 * customer holds dozens of purchases, as a real Software page does.
 */
export function buildCatalog(seed: number, purchases: number): Catalog {
  const random = seededRandom(mixSeed(seed, 0x0ca7a10));
  const partnerCount = Math.max(3, Math.round(purchases / 5000));
  const customerCount = Math.max(10, Math.round(purchases / 50));
  const partners: Partner[] = Array.from({ length: partnerCount }, (_, p) => {
    const tenantId = random.guid();
    const admins = Array.from({ length: 3 }, (__, a) => ({ userId: `admin${a + 1}@partner${p + 1}.example`, tenantId, roles: ['AdminAgent'] }));
    return { tenantId, admins };
  });
  const customers: Customer[] = Array.from({ length: customerCount }, (_, c) => {
    const tenantId = random.guid();
    const domain = `customer${c + 1}.onmicrosoft.com`;
    const partner = partners[c % partnerCount] as Partner;
    return { tenantId, domain, partner, globalAdmin: { userId: `admin@${domain}`, tenantId, roles: ['GlobalAdmin'] } };
  });
  const support = [1, 2, 3].map((n) => ({ userId: `refund-desk-${n}`, tenantId: SUPPORT_TENANT, roles: ['Support'] }));
  return { partners, customers, products: PRODUCTS, support };
}
