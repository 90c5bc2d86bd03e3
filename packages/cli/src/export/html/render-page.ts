import type { AuditTrailExport } from '../collect-trail.js';
import { escapeHtml as h } from './escape.js';
import { markerKinds } from './marker-kinds.js';
import { renderPurchase, utc } from './render-purchase.js';
import { styles } from './styles.js';
import { timelineModel } from './timeline-model.js';
import { verificationBanner, verificationStyles } from './verification-banner.js';
import type { Verification } from '../../verified/verification.js';

function legend(): string {
  const items = Object.values(markerKinds).map(({ kind, label }) => `<span class="legend-item"><span class="marker m-${kind}"></span>${h(label)}</span>`);
  items.unshift('<span class="legend-item"><span class="swatch-window"></span>Cancellation window (purchase to deadline)</span>');
  return `<div class="legend" aria-label="Legend">${items.join('')}</div>`;
}

function scope(trail: AuditTrailExport): string {
  const parts = [`store ${trail.store}`, `events up to position ${trail.throughPosition}`];
  if (trail.customer !== null) parts.push(`customer ${trail.customer}`);
  if (trail.from !== null) parts.push(`from ${utc(trail.from)}`);
  if (trail.to !== null) parts.push(`to ${utc(trail.to)}`);
  return parts.join(' · ');
}

function shreddingNote(trail: AuditTrailExport): string {
  const unknown = trail.purchases.some((item) => item.keys.some((key) => key.shredded === null));
  return unknown
    ? 'Whether a tenant was crypto-shredded is kept in the platform\'s key vault, not in the log; this export was made without access to it, so no key is marked "shredded".'
    : 'Keys marked "shredded" belong to a tenant whose data key was destroyed: they can never be shown again.';
}

/**
 * The audit trail as one self-contained HTML page: no script, no external resource (a
 * Content-Security-Policy forbids both), every text escaped. A section per customer, a card
 * per purchase with its keys by fingerprint, a timeline with the cancellation window drawn,
 * and the list of its events. With a verification, the page says what it was verified against,
 * or carries an UNVERIFIED banner on screen and on every printed page.
 */
export function auditHtml(trail: AuditTrailExport, verification?: Verification): string {
  const customers = timelineModel(trail);
  const sections = customers.map(
    (customer) =>
      `<section class="customer" data-tenant="${h(customer.tenantId)}"><h2>${h(customer.domain)} <span class="meta">${h(customer.tenantId)} · ${customer.purchases.length} purchase(s)</span></h2>
${customer.purchases.map(renderPurchase).join('\n')}</section>`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${verification?.verified === false ? 'UNVERIFIED: ' : ''}csp-onprem audit trail</title>
<style>${styles}${verification === undefined ? '' : verificationStyles}</style>
</head>
<body${verification?.verified === false ? ' class="unverified"' : ''}>
${verification === undefined || verification.verified ? '' : verificationBanner(verification)}<h1>Audit trail</h1>
<p class="meta">${h(scope(trail))} · ${customers.length} customer(s), ${trail.purchases.length} purchase(s), ${trail.entries.length} event(s)</p>
${verification?.verified === true ? verificationBanner(verification) : ''}${legend()}
${sections.length === 0 ? '<p>No event in range.</p>' : sections.join('\n')}
<footer>Product keys appear by fingerprint only; sealed keys are not exported. ${h(shreddingNote(trail))} Times are UTC. Hover a marker for its details; every event is also listed under its timeline.</footer>
</body>
</html>
`;
}
