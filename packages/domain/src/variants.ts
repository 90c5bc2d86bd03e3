import type { Product } from './codecs/product.js';
import type { Variant } from './codecs/variant.js';

/** A stable key for a variant, e.g. `2019|en-us|64-bit`. */
export function variantKey(variant: Variant): string {
  return `${variant.version}|${variant.language}|${variant.bitness}`;
}

/** Formats a variant for people, e.g. `2019 en-us 64-bit`. */
export function formatVariant(variant: Variant): string {
  return `${variant.version} ${variant.language} ${variant.bitness}`;
}

/** Whether the product offers this version, language and bitness. */
export function isVariantOffered(product: Product, variant: Variant): boolean {
  return (
    product.versions.includes(variant.version) &&
    product.languages.includes(variant.language) &&
    product.bitness.includes(variant.bitness)
  );
}
