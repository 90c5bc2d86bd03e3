import { expect } from 'chai';
import fc from 'fast-check';
import { decodeCommand } from '@csp-onprem/domain';
import { SPECIAL_CHARACTERS } from '@csp-onprem/testing';
import { propertyRuns } from './fast-check-options.js';
import { CUSTOMERS, PARTNERS } from './world.js';

const actor = { userId: 'adele@partner.example', tenantId: PARTNERS[0], roles: ['AdminAgent'] };
const product = { productId: 'DG7GMGF0D3RK', skuId: '0002', title: 'Windows Server 2022', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] };
const purchase = {
  type: 'PurchaseSoftware',
  commandId: 'buy-1',
  actor,
  partnerId: PARTNERS[0],
  customer: { tenantId: CUSTOMERS[0].tenantId, domain: CUSTOMERS[0].domain },
  orderId: 'ORD-1',
  subscriptionId: 'SUB-1',
  product,
  quantity: 1,
  unitPrice: { amount: 100, currency: 'USD' },
};
const request = {
  type: 'RequestCancellation',
  commandId: 'req-1',
  actor,
  customer: { domain: CUSTOMERS[0].domain },
  subscriptionId: 'SUB-1',
  refundReason: 'Wrong edition',
  requestedAmount: { amount: 100, currency: 'USD' },
  impact: 'Low',
  title: 'Cancel',
  contact: { name: 'Adele', email: 'adele@partner.example', phone: '+1 425 555 0100' },
};

/** `unit` repeated to `length` code units. */
const fill = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** An input whose size grows with `n`, built from a filler `unit`; `small` is the n the property starts from. */
interface Family {
  readonly name: string;
  readonly small: number;
  readonly build: (n: number, unit: string) => unknown;
}

/** Inputs that grow: within the limits (the work grows with them) and beyond (refused without looking). */
const families: readonly Family[] = [
  { name: 'a product title within its limit', small: 500, build: (n, unit) => ({ ...purchase, product: { ...product, title: `x${fill(unit, n - 2)}x` } }) },
  { name: 'a refund reason of white space with the unit', small: 500, build: (n, unit) => ({ ...request, refundReason: fill(` ${unit}  `, n) }) },
  { name: 'an identifier within its limit', small: 25, build: (n, unit) => ({ ...purchase, subscriptionId: `S${fill(unit, n - 1)}` }) },
  { name: 'a domain name within its limit', small: 30, build: (n, unit) => ({ ...purchase, customer: { ...purchase.customer, domain: `${fill(`a${unit}.`, n - 4)}com` } }) },
  { name: 'an e-mail address within its limit', small: 40, build: (n, unit) => ({ ...request, contact: { ...request.contact, email: `${fill(`a${unit}`, n / 2)}@${fill('b.', n / 2)}com` } }) },
  { name: 'a list of wrong items within its limit', small: 12, build: (n, unit) => ({ ...purchase, product: { ...product, versions: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i : `${unit}${i}`)) } }) },
  { name: 'a string far beyond its limit', small: 100_000, build: (n, unit) => ({ ...purchase, orderId: fill(unit, n) }) },
  { name: 'a list far beyond its limit', small: 10_000, build: (n, unit) => ({ ...request, attachments: Array.from({ length: n }, () => unit) }) },
  { name: 'unknown fields', small: 1_000, build: (n, unit) => ({ ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`${unit}${i}`, unit])), ...purchase }) },
];

/** The fastest of `trials` timings of decoding `input` `repeat` times, in ms: the least disturbed by a loaded machine. */
function fastest(input: unknown, repeat: number, trials: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < trials; trial += 1) {
    const started = performance.now();
    for (let i = 0; i < repeat; i += 1) decodeCommand(input);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** How often to decode the small input for its timing to be some milliseconds. */
function repeatsFor(input: unknown): number {
  let repeat = 1;
  while (repeat < 100_000 && fastest(input, repeat, 1) < 3) repeat *= 4;
  return repeat;
}

/**
 * Growth allowed from n to 8n: linear is 8x; 3x slack absorbs caches, the garbage collector and
 * a loaded machine. Quadratic work would be 64x.
 */
const MAX_GROWTH = 8 * 3;
/** Timings below this are noise, whatever their ratio. */
const FLOOR_MS = 5;

/** Fillers every family is tried with: white space and line breaks (what made a clean-up quadratic), text, and what fields refuse. */
const FILLERS = [' ', '\t', ' \n', 'a', '|', '\u0000', '\ud800', '\u200b'];

describe('decoding time grows at most linearly with the input', function () {
  this.timeout(120_000);

  it('decodes an input eight times larger in at most about eight times the time, for every kind of field and filler', () => {
    const examples = families.flatMap((family) => FILLERS.map((unit): [Family, string] => [family, unit]));
    const random = propertyRuns<[Family, string]>(20);
    fc.assert(
      fc.property(fc.constantFrom(...families), fc.constantFrom(...SPECIAL_CHARACTERS, ...FILLERS), (family, unit) => {
        const small = family.build(family.small, unit);
        const large = family.build(family.small * 8, unit);
        // Warmed up first, so that compiling the decoder is not what the repeats are sized by.
        fastest(small, 3, 1);
        fastest(large, 1, 1);
        const repeat = repeatsFor(small);
        let smallMs = Number.POSITIVE_INFINITY;
        let largeMs = Number.POSITIVE_INFINITY;
        // Interleaved, so that a busy moment of the machine slows both alike.
        for (let round = 0; round < 5; round += 1) {
          smallMs = Math.min(smallMs, fastest(small, repeat, 1));
          largeMs = Math.min(largeMs, fastest(large, repeat, 1));
        }
        expect(largeMs, `${family.name} with ${JSON.stringify(unit)}: ${smallMs.toFixed(2)} ms at n, ${largeMs.toFixed(2)} ms at 8n (x${repeat})`).to.be.below(
          Math.max(FLOOR_MS, smallMs * MAX_GROWTH),
        );
      }),
      // fast-check counts the examples among the runs: every family with every filler, then random ones.
      { ...random, numRuns: examples.length + (random.numRuns ?? 20), examples },
    );
  });
});
