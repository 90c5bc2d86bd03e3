import * as E from 'fp-ts/lib/Either.js';
import type { SoftwareItem } from '@csp-onprem/domain';
import type { EngineError, VerifyReport } from '@csp-onprem/engine';
import { auditTable } from '../render/audit-table.js';
import { eligibilityTable, type EligibilityRow } from '../render/eligibility-table.js';
import { formatInstant } from '../render/format.js';
import { softwareTable } from '../render/software-table.js';
import { actors, customers, tenantName } from './cast.js';
import { heading, print, type DemoContext } from './context.js';
import type { DemoFailure } from './steps.js';

function stop(step: string, error: EngineError): E.Either<DemoFailure, never> {
  return E.left({ code: error.code, message: error.message, step });
}

async function softwareLists(ctx: DemoContext): Promise<E.Either<DemoFailure, SoftwareItem[]>> {
  const all: SoftwareItem[] = [];
  for (const customer of Object.values(customers)) {
    const list = await ctx.engine.as(actors.partnerAdmin).softwareList(customer.tenantId);
    if (E.isLeft(list)) return stop('software-list', list.left);
    heading(ctx, `Software list of ${tenantName(customer.tenantId)} (${customer.domain}, ${customer.tenantId}) in Partner Center`);
    print(ctx, softwareTable(list.right));
    all.push(...list.right);
  }
  return E.right(all);
}

async function eligibility(ctx: DemoContext, items: readonly SoftwareItem[]): Promise<E.Either<DemoFailure, void>> {
  const at = ctx.clock.now();
  const rows: EligibilityRow[] = [];
  for (const item of items) {
    const answer = await ctx.engine.as(actors.partnerAdmin).refundEligibility(item.subscriptionId, at);
    if (E.isLeft(answer)) return stop('refund-eligibility', answer.left);
    rows.push({ item, eligibility: answer.right, customer: tenantName(item.customer.tenantId) });
  }
  heading(ctx, `Refund eligibility at ${formatInstant(at)}`);
  print(ctx, eligibilityTable(rows));
  return E.right(undefined);
}

async function auditTrail(ctx: DemoContext): Promise<E.Either<DemoFailure, void>> {
  const entries = await ctx.engine.as(actors.partnerAuditor).auditTrail();
  if (E.isLeft(entries)) return stop('audit-trail', entries.left);
  heading(ctx, `Audit trail (${entries.right.length} events, as ${actors.partnerAuditor.userId} sees it)`);
  print(ctx, auditTable(entries.right, tenantName));
  return E.right(undefined);
}

async function verification(ctx: DemoContext): Promise<E.Either<DemoFailure, VerifyReport>> {
  const report = await ctx.engine.verify();
  if (E.isLeft(report)) return stop('verify', report.left);
  const { ok, events, streams, position, firstFailure } = report.right;
  heading(ctx, 'Verify');
  ctx.out(`verify: ${ok ? 'ok' : 'FAILED'}  events=${events}  streams=${streams}  last position=${position}`);
  if (firstFailure !== undefined) {
    ctx.out(`first failure: ${firstFailure.problem} in ${firstFailure.streamId} v${firstFailure.version} at position ${firstFailure.position}: ${firstFailure.detail}`);
  }
  return E.right(report.right);
}

/** What the report found: how many purchases the file holds and the hash-chain check. */
export interface ReportSummary {
  readonly purchases: number;
  readonly verify: VerifyReport;
}

/** Prints every customer's software list, the refund eligibility of every purchase, the audit trail and the verify result. */
export async function printReport(ctx: DemoContext): Promise<E.Either<DemoFailure, ReportSummary>> {
  const items = await softwareLists(ctx);
  if (E.isLeft(items)) return items;
  const eligible = await eligibility(ctx, items.right);
  if (E.isLeft(eligible)) return eligible;
  const audited = await auditTrail(ctx);
  if (E.isLeft(audited)) return audited;
  const verified = await verification(ctx);
  if (E.isLeft(verified)) return verified;
  return E.right({ purchases: items.right.length, verify: verified.right });
}
