import * as t from 'io-ts';
import { VariantPart } from './primitives.js';

/** The two bitness values Partner Center offers. */
export const Bitness = t.keyof({ '32-bit': null, '64-bit': null }, 'Bitness');
/** `"32-bit"` or `"64-bit"`. */
export type Bitness = t.TypeOf<typeof Bitness>;

/** A product variant: the version, language and bitness chosen before *Get keys and downloads*. */
export const Variant = t.exact(
  t.type({ version: VariantPart, language: VariantPart, bitness: Bitness }),
  'Variant',
);
/** A product variant: the version, language and bitness chosen before *Get keys and downloads*. */
export type Variant = t.TypeOf<typeof Variant>;
