import type { WrappedDataKey } from './data-key-store.js';

/** One row of an SQL store's `data_keys` table, as its driver returns it. */
export interface DataKeyRow {
  readonly key_id: string;
  readonly tenant_id: string;
  readonly kek_id: string;
  readonly wrapped: Uint8Array;
  readonly created_at: string;
}

/** The columns of {@link DataKeyRow}, in the order an SQL store selects and inserts them. */
export const DATA_KEY_COLUMNS = 'key_id, tenant_id, kek_id, wrapped, created_at';

/** A wrapped data key from its row, its bytes copied out of the driver's buffer. */
export function dataKeyFromRow(row: DataKeyRow): WrappedDataKey {
  return { keyId: row.key_id, tenantId: row.tenant_id, kekId: row.kek_id, wrapped: new Uint8Array(row.wrapped), createdAt: row.created_at };
}
