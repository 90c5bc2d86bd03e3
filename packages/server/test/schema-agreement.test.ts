import { expect } from 'chai';
import { decodeCommandAs } from '@csp-onprem/engine';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { AnyCommand, VALIDATION_OPTIONS } from '../src/index.js';
import { tenants } from './support/cast.js';

// The route schemas and the domain's codecs are written twice, once for HTTP and once for the
// engine: this holds them to the same answer on inputs chosen near every boundary.

const actor = { userId: 'megan@northwind.example', tenantId: tenants.northwind, roles: ['AdminAgent'] };

const ajv = new Ajv({ ...VALIDATION_OPTIONS, addUsedSchema: false });
addFormats.default(ajv);
const validate = ajv.compile(AnyCommand);

const identifier = fc.oneof(
  fc.constantFrom('sub-1', 'ORD 1001', 'x', ' a ', 'a'.repeat(200), 'a'.repeat(201), '', '   ', '\t', '\u00a0', '\u2028', '\ufeff', 'x|y', '😀'.repeat(100), '😀'.repeat(101)),
  fc.string({ maxLength: 8 }),
);
const text = fc.oneof(fc.constantFrom('Ordered the wrong edition', ' ', '\n', 'a'.repeat(4000), 'a'.repeat(4001), '😀'.repeat(2000), '😀'.repeat(2001)), fc.string({ maxLength: 6 }));
const guid = fc.constantFrom(tenants.contoso, tenants.contoso.toUpperCase(), '22222222-2222-4222-8222-22222222222', 'contoso', '{22222222-2222-4222-8222-222222222222}');
const domain = fc.constantFrom('contoso.onmicrosoft.com', 'CONTOSO.COM', 'contoso', 'a..b.com', '-a.com', `${'a'.repeat(63)}.com`, `${'a'.repeat(64)}.com`, `${'a.'.repeat(126)}com`, 'contoso.com.');
const amount = fc.constantFrom(0, 1, 89900, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, '100', null);
const money = fc.record({ amount, currency: fc.constantFrom('USD', 'EUR', 'usd', 'US', 'USDX', '€') });
const part = fc.oneof(fc.constantFrom('2019', 'en-us', 'x|y', ' ', 'a'.repeat(200), 'a'.repeat(201)), identifier);
const bitness = fc.constantFrom('64-bit', '32-bit', '16-bit', '64');
const variant = fc.record({ version: part, language: part, bitness });
const list = <T>(item: fc.Arbitrary<T>) => fc.oneof(fc.array(item, { minLength: 0, maxLength: 3 }), fc.constant([] as T[]), fc.array(item, { minLength: 101, maxLength: 101 }));
const product = fc.record({ productId: identifier, skuId: identifier, title: text, versions: list(part), languages: list(part), bitness: list(bitness) });
const quantity = fc.constantFrom(1, 2, 0, -1, 2.5, Number.MAX_SAFE_INTEGER + 1, '2');
const policy = fc.record({ windowDays: fc.constantFrom(1, 60, 36_500, 36_501, 0, 30.5), creditPercent: fc.constantFrom(0, 100, 101, -1, 50.5) });
const email = fc.constantFrom('megan@northwind.example', 'megan@northwind', '@x.com', 'a b@c.com', `${'a'.repeat(65)}@x.com`, `${'a'.repeat(64)}@${'b'.repeat(253)}.${'c'.repeat(63)}`);
const phone = fc.constantFrom('+1 425 555 0100', '555', '+1 (425) 555-0100', 'call me', `+${'1'.repeat(33)}`);
const optional = { requiredKeys: [] as never[] };

const commands = fc.oneof(
  fc.record({ type: fc.constant('PurchaseSoftware'), commandId: identifier, partnerId: guid, customer: fc.record({ tenantId: guid, domain }), orderId: identifier, subscriptionId: identifier, product, quantity, unitPrice: money, cancellationPolicy: policy }, { requiredKeys: ['type', 'commandId', 'partnerId', 'customer', 'orderId', 'subscriptionId', 'product', 'quantity', 'unitPrice'] }),
  fc.record({ type: fc.constantFrom('GetKey', 'DownloadSoftware'), commandId: identifier, subscriptionId: identifier, variant, partnerId: guid }, { requiredKeys: ['type', 'commandId', 'subscriptionId', 'variant'] }),
  fc.record({ type: fc.constant('CopyDownloadLink'), commandId: identifier, subscriptionId: identifier, variant }, { requiredKeys: ['type', 'commandId', 'subscriptionId'] }),
  fc.record(
    {
      type: fc.constant('RequestCancellation'),
      commandId: identifier,
      customer: fc.record({ tenantId: guid, domain }, optional),
      orderId: identifier,
      subscriptionId: identifier,
      refundReason: text,
      requestedAmount: money,
      impact: text,
      title: text,
      contact: fc.record({ name: text, email, phone }),
      attachments: fc.oneof(fc.array(identifier, { maxLength: 3 }), fc.array(fc.constant('a.pdf'), { minLength: 20, maxLength: 21 })),
    },
    { requiredKeys: ['type', 'commandId', 'customer', 'refundReason', 'requestedAmount', 'impact', 'title', 'contact'] },
  ),
  fc.record({ type: fc.constantFrom('CompleteCancellation', 'RejectCancellation'), commandId: identifier, ticketId: identifier, reason: text, subscriptionId: identifier }, { requiredKeys: ['type', 'commandId', 'ticketId'] }),
);

/**
 * JSON Schema counts a string's length in code points, the codecs in UTF-16 units: a string of
 * astral characters under the schema's limit can be over the codec's. True when that is why the
 * codec refused.
 */
function refusedForUtf16Length(body: Record<string, unknown>): boolean {
  const decoded = decodeCommandAs(actor, body);
  if (E.isRight(decoded)) return false;
  return decoded.left.errors.every(({ path }) => {
    const value = path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), body);
    return typeof value === 'string' && [...value].length < value.length && [...value].length <= 4000;
  });
}

describe('the route schemas and the domain codecs', () => {
  it('accept and refuse the same commands, at every boundary', () => {
    fc.assert(
      fc.property(commands, (command) => {
        // A reason is a field of RejectCancellation only; the schema refuses it elsewhere, where the codec drops it.
        const body = command.type === 'CompleteCancellation' ? Object.fromEntries(Object.entries(command).filter(([key]) => key !== 'reason')) : command;
        const bySchema = validate(body);
        const byCodec = E.isRight(decodeCommandAs(actor, body));
        if (bySchema && !byCodec && refusedForUtf16Length(body)) return;
        expect(bySchema, `${JSON.stringify(body).slice(0, 300)}: schema ${bySchema}, codec ${byCodec} ${JSON.stringify(validate.errors)}`).to.equal(byCodec);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuse an actor in the body, as the engine does', () => {
    const body = { type: 'GetKey', commandId: 'k', subscriptionId: 's', variant: { version: '2019', language: 'en-us', bitness: '64-bit' }, actor };
    expect(validate(body)).to.equal(false);
    expect(E.isLeft(decodeCommandAs(actor, body))).to.equal(true);
  });

  it('refuse a field the contract does not have, where the codec would drop it', () => {
    const body = { type: 'GetKey', commandId: 'k', subscriptionId: 's', variant: { version: '2019', language: 'en-us', bitness: '64-bit' }, priority: 'high' };
    expect(validate(body)).to.equal(false);
    expect(E.isRight(decodeCommandAs(actor, body))).to.equal(true);
  });
});
