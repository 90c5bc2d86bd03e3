import { CommandHandler, getInMemoryEventStore } from '@event-driven-io/emmett';
import { developmentLinkProvider, keyFingerprint, sealProductKey } from '@csp-onprem/engine';
import type { PurchaseFacts } from '@csp-onprem/domain';
import { CspRuleError, decide, evolve, initialState, variantKey, type CspCommand, type CspState, type Variant } from '../emmett/csp-decider.js';
import { benchKeyProvider, benchVault } from '../ports/deterministic-ports.js';
import { workload } from '../workload/workload.js';
import type { WorkItem } from '../workload/work-item.js';
import { chunks, Stopwatch } from './chunks.js';
import { throughputResult, type MeasureResult, type MeasureSpec } from './measure-spec.js';
import { MismatchLog } from './outcome-check.js';

function toEmmettCommand(item: WorkItem): CspCommand {
  const { type, commandId, actor, ...data } = item.command;
  return { type, data, metadata: { now: new Date(item.at), actor, commandId } } as unknown as CspCommand;
}

/**
 * The same workload on Emmett: its in-memory event store and `CommandHandler` with a
 * decider written in its style. Like the engine, the handler obtains and seals a new key
 * and makes download links before deciding; unlike it, nothing is decoded, hashed or
 * authorized outside the decider, because Emmett does not do that.
 */
export async function measureEmmettCommands(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const store = getInMemoryEventStore();
  const handle = CommandHandler<CspState, ReturnType<typeof decide>[number]>({ evolve, initialState, mapToStreamId: (id) => `csp-software-${id}` });
  const keys = benchKeyProvider();
  const vault = benchVault(spec.workload.seed);
  const links = developmentLinkProvider();
  const subscriptionsByOrder = new Map<string, string>();
  const stopwatch = new Stopwatch();
  const mismatches = new MismatchLog();
  let commands = 0;
  let events = 0;

  async function run(item: WorkItem): Promise<void> {
    const command = toEmmettCommand(item);
    const data = command.data as { subscriptionId?: string; orderId?: string; variant?: Variant };
    const subscriptionId = data.subscriptionId ?? subscriptionsByOrder.get(data.orderId ?? '') ?? '';
    try {
      const result = await handle(store, subscriptionId, async (state) => {
        let ready = command;
        const purchase = state.purchase;
        if (purchase !== null && data.variant !== undefined && !state.handled.includes(command.metadata.commandId)) {
          const facts = { ...purchase, customer: { tenantId: purchase.customerTenantId, domain: purchase.customerDomain } } as unknown as PurchaseFacts;
          if (command.type === 'GetKey' && state.keys[variantKey(data.variant)] === undefined) {
            const plain = await keys.issueKey({ purchase: facts, variant: data.variant as never, commandId: command.metadata.commandId });
            const dataKey = await vault.dataKeyFor(purchase.customerTenantId);
            const sealed = sealProductKey(plain, dataKey.key, dataKey.keyId, `${subscriptionId}|${variantKey(data.variant)}`);
            ready = { ...command, data: { ...command.data, key: { sealed: JSON.stringify(sealed), fingerprint: keyFingerprint(plain) } } } as CspCommand;
          } else if (command.type === 'CopyDownloadLink') {
            const link = await links.createLink({ purchase: facts, variant: data.variant as never, now: command.metadata.now, commandId: command.metadata.commandId });
            ready = { ...command, data: { ...command.data, link: link.url } } as CspCommand;
          }
        }
        return decide(ready, state);
      });
      const types = result.newEvents.map((event) => event.type).join(',');
      const wanted = item.expect === 'ok' ? item.events.join(',') : '';
      if (item.expect !== 'ok' && item.expect !== 'replayed') mismatches.add(`command #${item.seq}: expected ${item.expect}, but it succeeded`);
      else if (types !== wanted) mismatches.add(`command #${item.seq}: expected events ${wanted}, got ${types}`);
      if (command.type === 'PurchaseSoftware' && result.newEvents.length > 0) subscriptionsByOrder.set(String((command.data as { orderId: string }).orderId), subscriptionId);
      events += result.newEvents.length;
    } catch (error) {
      if (!(error instanceof CspRuleError)) throw error;
      if (error.code !== item.expect) mismatches.add(`command #${item.seq}: expected ${item.expect}, got ${error.message}`);
    }
  }

  for (const chunk of chunks(workload(spec.workload), 5000)) {
    await stopwatch.time(async () => {
      for (const item of chunk) await run(item);
    });
    commands += chunk.length;
  }
  return throughputResult(spec, { operations: commands, events, seconds: stopwatch.seconds, mismatches }, {
    details: { eventsPerSecond: events / stopwatch.seconds },
  });
}
