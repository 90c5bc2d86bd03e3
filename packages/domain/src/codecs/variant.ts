import * as t from 'io-ts';
import { struct } from './struct.js';
import { inputTexts, storedTexts, type TextCodecs } from './text-sets.js';

/** The two bitness values Partner Center offers. */
export const Bitness = t.keyof({ '32-bit': null, '64-bit': null }, 'Bitness');
/** `"32-bit"` or `"64-bit"`. */
export type Bitness = t.TypeOf<typeof Bitness>;

function variantOf(texts: TextCodecs) {
  return struct({ version: texts.variantPart, language: texts.variantPart, bitness: Bitness }, {}, 'Variant');
}

/** A product variant: the version, language and bitness chosen before *Get keys and downloads*. */
export const Variant = variantOf(inputTexts);
/** A product variant: the version, language and bitness chosen before *Get keys and downloads*. */
export type Variant = t.TypeOf<typeof Variant>;

/** A variant as stored events hold it (characters unchecked: see `storedTexts`). */
export const StoredVariant = variantOf(storedTexts);
