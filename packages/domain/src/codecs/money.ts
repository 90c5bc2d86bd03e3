import * as t from 'io-ts';
import { constrained } from './constrained.js';
import { NonNegativeInteger, PositiveInteger } from './primitives.js';

/** An ISO 4217 currency code: three upper-case letters. */
export const CurrencyCode = constrained(t.string, (s) => /^[A-Z]{3}$/.test(s), 'ISO 4217 currency code');

/** Money in integer minor units (cents for USD) with its ISO 4217 currency. */
export const Money = t.exact(t.type({ amount: NonNegativeInteger, currency: CurrencyCode }), 'Money');
/** Money in integer minor units (cents for USD) with its ISO 4217 currency. */
export type Money = t.TypeOf<typeof Money>;

/** Money whose amount is at least one minor unit. */
export const PositiveMoney = t.exact(t.type({ amount: PositiveInteger, currency: CurrencyCode }), 'PositiveMoney');
