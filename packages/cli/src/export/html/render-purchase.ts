import { formatMoney, formatVariant } from '@csp-onprem/domain';
import type { AuditKey } from '../../audit/audit-item.js';
import { escapeHtml as h } from './escape.js';
import { lanes } from './marker-kinds.js';
import type { Marker, PurchaseTimeline } from './timeline-model.js';

/** An ISO instant as `2025-03-01 09:30 UTC`. */
export function utc(instant: string): string {
  return `${instant.slice(0, 16).replace('T', ' ')} UTC`;
}

function keyBadges(key: AuditKey): string {
  const badges = [key.revoked ? `<span class="badge badge-revoked">revoked${key.revokedAt === null ? '' : ` ${h(utc(key.revokedAt))}`}</span>` : '<span class="badge badge-valid">valid</span>'];
  if (key.shredded === true) badges.push('<span class="badge badge-shredded">shredded</span>');
  return badges.join(' ');
}

function keyList(keys: readonly AuditKey[]): string {
  if (keys.length === 0) return '<p class="meta">No key issued.</p>';
  const items = keys.map(
    (key) =>
      `<li class="key" data-fingerprint="${h(key.fingerprint)}"><code>${h(key.fingerprint)}</code> <span>${h(formatVariant(key.variant))}</span> <span class="meta">issued ${h(utc(key.issuedAt))}, viewed again ${key.views} time(s)</span> ${keyBadges(key)}</li>`,
  );
  return `<ul class="keys">${items.join('')}</ul>`;
}

function markerHtml(marker: Marker): string {
  const { entry } = marker;
  const words = `${utc(entry.occurredAt)}: ${marker.label} by ${entry.userId} (${entry.actingRole}): ${entry.summary}`;
  return `<span class="marker m-${marker.kind} row-${marker.row}" data-event="${h(entry.type)}" data-position="${entry.position}" style="left:${marker.x}%" title="${h(words)}"><span class="sr">${h(words)}</span></span>`;
}

function timeline(purchase: PurchaseTimeline): string {
  const { item, window } = purchase;
  const days = item.cancellationPolicy.windowDays;
  const band = `<div class="window-band" style="left:${window.x}%;width:${window.width}%" title="${h(`${days}-day cancellation window: ${utc(item.purchasedAt)} to ${utc(item.cancellableUntil)}`)}"><span>${days}-day cancellation window closes ${h(utc(item.cancellableUntil))}</span></div>`;
  const labels = lanes.map(([, label], index) => `<div class="lane-label" style="grid-row:${index + 1}">${h(label)}</div>`).join('');
  const tracks = lanes.map(([lane]) => `<div class="track" data-lane="${lane}">${purchase.markers.filter((m) => m.lane === lane).map(markerHtml).join('')}</div>`).join('');
  const ticks = purchase.ticks.map((tick) => `<span class="tick" style="left:${tick.x}%">${h(tick.label)}</span>`).join('');
  return `<div class="timeline">${labels}<div class="plot">${band}${tracks}</div><div class="axis">${ticks}</div></div>`;
}

function eventTable(purchase: PurchaseTimeline): string {
  const rows = purchase.markers.map(({ entry, kind, label }) =>
    `<tr><td class="when">${h(utc(entry.occurredAt))}</td><td><span class="marker-name m-name-${kind}">${h(label)}</span></td><td>${h(entry.userId)}</td><td>${h(entry.actingRole)}</td><td>${h(entry.summary)}</td><td>${entry.position}</td></tr>`,
  );
  return `<table class="events"><thead><tr><th>time</th><th>event</th><th>who</th><th>role</th><th>what</th><th>position</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One purchase: what was bought, its keys by fingerprint, its timeline and its events. */
export function renderPurchase(purchase: PurchaseTimeline): string {
  const { item } = purchase;
  const facts: readonly (readonly [string, string])[] = [
    ['order', item.orderId],
    ['subscription', item.subscriptionId],
    ['quantity', String(item.quantity)],
    ['paid', formatMoney(item.paid)],
    ['bought', utc(item.purchasedAt)],
    ['cancellable until', utc(item.cancellableUntil)],
    ['policy', `${item.cancellationPolicy.windowDays} days, ${item.cancellationPolicy.creditPercent}% credit`],
  ];
  return `<section class="purchase" data-subscription="${h(item.subscriptionId)}">
<div class="purchase-head"><h3>${h(item.product.title)}</h3><span class="status status-${h(item.status)}">${h(item.status)}</span></div>
<dl class="facts">${facts.map(([name, value]) => `<div><dt>${h(name)}</dt><dd>${h(value)}</dd></div>`).join('')}</dl>
<h4>Product keys (by fingerprint)</h4>${keyList(item.keys)}
${timeline(purchase)}
${eventTable(purchase)}
</section>`;
}
