import type { AuditEntry } from '@csp-onprem/engine';
import type { AuditItem } from '../../audit/audit-item.js';
import type { AuditTrailExport } from '../collect-trail.js';
import { markerKinds, type Lane } from './marker-kinds.js';
import { axisAround, ticksOf, xOf, type Tick } from './time-axis.js';

/** One event drawn on a timeline. */
export interface Marker {
  readonly entry: AuditEntry;
  readonly kind: string;
  readonly label: string;
  readonly lane: Lane;
  /** Percent of the timeline's width. */
  readonly x: number;
  /** 0, 1 or 2: markers too close to the one before in their lane move to another row. */
  readonly row: number;
}

/** One purchase's timeline: its markers, the cancellation window and the axis ticks. */
export interface PurchaseTimeline {
  readonly item: AuditItem;
  readonly markers: readonly Marker[];
  /** The cancellation window from the purchase to `cancellableUntil`, in percent of the width. */
  readonly window: { readonly x: number; readonly width: number };
  readonly ticks: readonly Tick[];
}

/** A customer and the timelines of its purchases. */
export interface CustomerTimeline {
  readonly tenantId: string;
  readonly domain: string;
  readonly purchases: readonly PurchaseTimeline[];
}

const TOO_CLOSE = 1.6;

function placeMarkers(entries: readonly AuditEntry[], x: (instant: number) => number): Marker[] {
  const lastInRow = new Map<string, number>();
  return entries.map((entry) => {
    const kind = markerKinds[entry.type];
    const at = x(Date.parse(entry.occurredAt));
    let row = 0;
    while (row < 2 && Math.abs(at - (lastInRow.get(`${kind.lane}/${row}`) ?? Number.NEGATIVE_INFINITY)) < TOO_CLOSE) row += 1;
    lastInRow.set(`${kind.lane}/${row}`, at);
    return { entry, kind: kind.kind, label: kind.label, lane: kind.lane, x: at, row };
  });
}

function timelineOf(item: AuditItem, entries: readonly AuditEntry[]): PurchaseTimeline {
  const purchased = Date.parse(item.purchasedAt);
  const closes = Date.parse(item.cancellableUntil);
  const axis = axisAround([purchased, closes, ...entries.map((entry) => Date.parse(entry.occurredAt))]);
  const from = xOf(axis, purchased);
  return {
    item,
    markers: placeMarkers(entries, (instant) => xOf(axis, instant)),
    window: { x: from, width: Math.max(0, xOf(axis, closes) - from) },
    ticks: ticksOf(axis),
  };
}

/** The export's purchases grouped by customer (by domain), each with its timeline. */
export function timelineModel(trail: AuditTrailExport): CustomerTimeline[] {
  // A purchase is its selling partner's subscription: the same subscription id may be another partner's.
  const purchaseKey = (partnerId: string, subscriptionId: string): string => `${partnerId}\n${subscriptionId}`;
  const byPurchase = new Map<string, AuditEntry[]>();
  for (const entry of trail.entries) {
    const key = purchaseKey(entry.partnerId, entry.subscriptionId);
    const list = byPurchase.get(key);
    if (list === undefined) byPurchase.set(key, [entry]);
    else list.push(entry);
  }
  const customers = new Map<string, { tenantId: string; domain: string; purchases: PurchaseTimeline[] }>();
  for (const item of trail.purchases) {
    const tenantId = item.customer.tenantId.toLowerCase();
    const customer = customers.get(tenantId) ?? { tenantId, domain: item.customer.domain, purchases: [] };
    customer.purchases.push(timelineOf(item, byPurchase.get(purchaseKey(item.partnerId, item.subscriptionId)) ?? []));
    customers.set(tenantId, customer);
  }
  return [...customers.values()].sort((a, b) => a.domain.localeCompare(b.domain) || a.tenantId.localeCompare(b.tenantId));
}
