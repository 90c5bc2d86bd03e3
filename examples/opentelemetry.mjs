// A platform that already runs OpenTelemetry wires its SDK around csp-onprem: a tracer provider
// (registered, so that its context manager makes store calls children of each command), a meter
// provider with a reader, both set up before the engine is built. csp-onprem itself only calls
// @opentelemetry/api: without an SDK it records nothing and registers nothing.
// Spans and metrics go to the console here; a platform sends them to its collector (OTLP).
// Run after `npm run build`: node examples/opentelemetry.mjs
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metrics } from '@opentelemetry/api';
import { ConsoleMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, ConsoleSpanExporter, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import * as E from 'fp-ts/lib/Either.js';
import { AttributeNames, createEngine, localKeyEncryptionKey, SpanNames } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';

const PARTNER = '11111111-1111-4111-8111-111111111111';
const CUSTOMER = '22222222-2222-4222-8222-222222222222';
const adminAgent = { userId: 'alice@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const variant = { version: '2022', language: 'en-us', bitness: '64-bit' };

function ok(result, what) {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.code}: ${result.left.message}`);
  return result.right;
}

// --- The platform's SDK, set up once at start, before any engine is built.
// (The in-memory exporter only lets this example check what was recorded.)
const checked = new InMemorySpanExporter();
const tracerProvider = new NodeTracerProvider({
  spanProcessors: [new BatchSpanProcessor(new ConsoleSpanExporter()), new SimpleSpanProcessor(checked)],
});
tracerProvider.register();
const metricReader = new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 60_000 });
const meterProvider = new MeterProvider({ readers: [metricReader] });
metrics.setGlobalMeterProvider(meterProvider);

// --- csp-onprem, as usual: nothing about telemetry in its options.
const dir = await mkdtemp(join(tmpdir(), 'csp-onprem-otel-'));
const engine = createEngine({ store: sqliteStore({ path: join(dir, 'csp.db') }), keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
const partner = engine.as(adminAgent);

try {
  ok(
    await partner.execute({
      type: 'PurchaseSoftware',
      commandId: 'cmd-buy-1',
      partnerId: PARTNER,
      customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
      orderId: 'ORD-1001',
      subscriptionId: 'SUB-1001-1',
      product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2022 Standard', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] },
      quantity: 3,
      unitPrice: { amount: 89900, currency: 'USD' },
    }),
    'purchase',
  );
  const { productKey } = ok(await partner.execute({ type: 'GetKey', commandId: 'cmd-key-1', subscriptionId: 'SUB-1001-1', variant }), 'GetKey');
  const refused = await partner.execute({ type: 'GetKey', commandId: 'cmd-key-2', subscriptionId: 'SUB-NOT-BOUGHT', variant });
  if (E.isRight(refused) || refused.left.code !== 'UnknownPurchase') throw new Error('a key of a purchase never made should be refused');
  ok(await engine.verify(), 'verify');

  // What a platform's collector would receive: the spans now, the metrics when the meter
  // provider shuts down below (both printed by the console exporters).
  await tracerProvider.forceFlush();

  // --- This example's own checks.
  const spans = checked.getFinishedSpans();
  const executes = spans.filter((span) => span.name === SpanNames.execute);
  const outcomes = executes.map((span) => `${span.attributes[AttributeNames.commandType]}: ${span.attributes[AttributeNames.outcome]}`);
  if (outcomes.join(', ') !== 'PurchaseSoftware: ok, GetKey: ok, GetKey: UnknownPurchase') throw new Error(`unexpected execute spans: ${outcomes.join(', ')}`);
  const getKeySpan = executes[1];
  const children = spans.filter((span) => span.parentSpanContext?.spanId === getKeySpan.spanContext().spanId).map((span) => span.name);
  if (!children.includes(SpanNames.append)) throw new Error(`the GetKey's append should be a child of its execute span, found ${children.join(', ')}`);
  for (const name of [SpanNames.catchUp, SpanNames.readAll, SpanNames.verify]) {
    if (!spans.some((span) => span.name === name)) throw new Error(`no ${name} span`);
  }
  if (JSON.stringify(spans.map((span) => span.attributes)).includes(productKey)) throw new Error('a product key reached a span');
  const { resourceMetrics } = await metricReader.collect();
  const recorded = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics.map((metric) => metric.descriptor.name));
  for (const name of ['csp_onprem.commands', 'csp_onprem.command.duration', 'csp_onprem.projection.lag']) {
    if (!recorded.includes(name)) throw new Error(`no ${name} metric`);
  }
  console.log(`\n${spans.length} spans recorded: ${[...new Set(spans.map((span) => span.name))].join(', ')}`);
  console.log(`execute spans: ${outcomes.join('; ')}; the GetKey's children: ${children.join(', ')}`);
  console.log(`metrics: ${recorded.join(', ')} (printed below as the meter provider shuts down)\n`);
} finally {
  await engine.close();
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
  await rm(dir, { recursive: true, force: true });
}
