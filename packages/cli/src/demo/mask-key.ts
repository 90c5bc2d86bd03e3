/** The marker the development key provider puts in front of its test keys; not a secret. */
const TEST_KEY_MARKER = 'TEST-';

/**
 * Masks a product key for display: only its last five characters remain, as Partner Center
 * shows them (`TEST-XXXXX-...-7QW3B` for a development key). The key stays opaque: nothing
 * but its length and its last characters is looked at. Short keys are masked entirely.
 */
export function maskProductKey(productKey: string): string {
  if (productKey.length < 15) return 'XXXXX-...';
  const prefix = productKey.startsWith(TEST_KEY_MARKER) ? TEST_KEY_MARKER : '';
  return `${prefix}XXXXX-...-${productKey.slice(-5)}`;
}
