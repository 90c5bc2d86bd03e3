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

/** Digits of the minor unit per currency, as ICU knows them (2 for a code it does not know). */
const minorDigitsByCurrency = new Map<string, number>();

function minorDigitsOf(currency: string): number {
  let digits = minorDigitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorDigitsByCurrency.set(currency, digits);
  }
  return digits;
}

/**
 * Formats money for people with as many decimals as the currency's minor unit has, e.g.
 * `1,234.50 USD`, `1,234 JPY`, `1.234 BHD`.
 */
export function formatMoney(money: Money): string {
  const digits = minorDigitsOf(money.currency);
  const unit = 10 ** digits;
  const major = groupedInteger.format(Math.trunc(money.amount / unit));
  if (digits === 0) return `${major} ${money.currency}`;
  const minor = String(money.amount % unit).padStart(digits, '0');
  return `${major}.${minor} ${money.currency}`;
}
