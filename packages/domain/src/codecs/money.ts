import * as t from 'io-ts';
import { constrained } from './constrained.js';
import { NonNegativeInteger, PositiveInteger } from './primitives.js';
import { struct } from './struct.js';

/**
 * An ISO 4217 currency code, checked by its shape: three upper-case letters. Not checked
 * against a list of codes: the list changes (codes are added, and withdrawn ones must still
 * read back in stored events), and a list frozen here would refuse a new currency or an old
 * event. The partner's catalogue and payment system own which currencies are sold.
 */
export const CurrencyCode = constrained(t.string, (s) => /^[A-Z]{3}$/.test(s), 'ISO 4217 currency code');

/** Money in integer minor units (cents for USD) with its ISO 4217 currency. */
export const Money = struct({ amount: NonNegativeInteger, currency: CurrencyCode }, {}, 'Money');
/** Money in integer minor units (cents for USD) with its ISO 4217 currency. */
export type Money = t.TypeOf<typeof Money>;

/** Money whose amount is at least one minor unit. */
export const PositiveMoney = struct({ amount: PositiveInteger, currency: CurrencyCode }, {}, 'PositiveMoney');
