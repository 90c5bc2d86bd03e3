import type { Money } from './codecs/money.js';

/** `quantity x unitPrice`, or `undefined` when the product would exceed a safe integer. */
export function multiplyMoney(unitPrice: Money, quantity: number): Money | undefined {
  const amount = unitPrice.amount * quantity;
  return Number.isSafeInteger(amount) ? { amount, currency: unitPrice.currency } : undefined;
}

/** `percent` of `money`, rounded down to a whole minor unit (never more than is owed). */
export function percentOf(money: Money, percent: number): Money {
  // Split the amount so no product exceeds 2^53: exact for every safe amount and percent <= 100.
  const whole = Math.floor(money.amount / 100);
  return { amount: whole * percent + Math.floor(((money.amount % 100) * percent) / 100), currency: money.currency };
}

// Built once: `toLocaleString` builds a formatter on every call, which a replay pays per event.
const groupedInteger = new Intl.NumberFormat('en-US');

/** Formats money for people, e.g. `1,234.50 USD` (two decimals). */
export function formatMoney(money: Money): string {
  const major = groupedInteger.format(Math.trunc(money.amount / 100));
  const minor = String(money.amount % 100).padStart(2, '0');
  return `${major}.${minor} ${money.currency}`;
}
