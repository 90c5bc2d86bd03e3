import type { Money, Product, Variant } from '@csp-onprem/domain';

/** A product of the story's price list with the variant the partner picks and its unit price. */
export interface CatalogEntry {
  readonly product: Product;
  readonly variant: Variant;
  readonly unitPrice: Money;
}

/** SQL Server 2019 Standard, sold in 2-core packs. */
export const sqlServer2019Standard: CatalogEntry = {
  product: {
    productId: 'DEMO-SQL-2019-STD',
    skuId: '2-CORE-PACK',
    title: 'SQL Server 2019 Standard',
    versions: ['2019'],
    languages: ['en-us', 'de-de', 'fr-fr'],
    bitness: ['64-bit'],
  },
  variant: { version: '2019', language: 'en-us', bitness: '64-bit' },
  unitPrice: { amount: 358_600, currency: 'USD' },
};

/** Windows Server 2022 Datacenter, sold in 16-core licences. */
export const windowsServer2022Datacenter: CatalogEntry = {
  product: {
    productId: 'DEMO-WINSRV-2022-DC',
    skuId: '16-CORE',
    title: 'Windows Server 2022 Datacenter',
    versions: ['2022'],
    languages: ['en-us', 'de-de'],
    bitness: ['64-bit'],
  },
  variant: { version: '2022', language: 'de-de', bitness: '64-bit' },
  unitPrice: { amount: 615_500, currency: 'USD' },
};
