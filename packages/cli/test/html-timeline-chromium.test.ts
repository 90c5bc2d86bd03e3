import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { auditHtml, collectTrail } from '@csp-onprem/cli';
import { dumpDom, requireChromium, screenshot } from './support/chromium.js';
import { HOSTILE_TITLE, STORY_KEK, tenants, writeAuditStory } from './support/audit-story.js';

const OUTPUT = fileURLToPath(new URL('../../../.test-output/', import.meta.url));

function purchaseSection(dom: string, subscriptionId: string): string {
  const start = dom.indexOf(`<section class="purchase" data-subscription="${subscriptionId}"`);
  expect(start, `a section for ${subscriptionId}`).to.be.greaterThan(-1);
  return dom.slice(start, dom.indexOf('</section>', start));
}

function eventsDrawn(section: string): string[] {
  return [...section.matchAll(/class="marker m-[a-z-]+ row-\d" data-event="([A-Za-z]+)"/g)].map((match) => match[1] ?? '');
}

describe('the HTML audit timeline, rendered in headless Chromium', function () {
  this.timeout(60_000);
  let dir: string | undefined;
  let page: string;
  let png: string;
  let dom: string;
  let productKeys: string[];

  before(async () => {
    requireChromium();
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-html-'));
    const store = sqliteStore({ path: join(dir, 'audit.db') });
    const story = await writeAuditStory(store);
    productKeys = story.productKeys;
    // The platform forgets Fabrikam; the export then reads which keys were shredded from the store.
    const engine = createEngine({ store, keyEncryptionKey: STORY_KEK, persistProjections: false });
    const forgotten = await engine.forgetTenant(tenants.fabrikam);
    expect(E.isRight(forgotten) && forgotten.right.keysShredded).to.equal(1);
    const trail = await collectTrail(store, story.vault === undefined ? {} : { vault: story.vault });
    if (E.isLeft(trail)) throw new Error(trail.left.message);
    await engine.close();
    mkdirSync(OUTPUT, { recursive: true });
    page = join(OUTPUT, 'audit-timeline.html');
    png = join(OUTPUT, 'audit-timeline.png');
    writeFileSync(page, auditHtml(trail.right));
    dom = await dumpDom(page);
    await screenshot(page, png);
  });

  // When Chromium is missing, before() stops before the directory exists: say only that.
  after(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('draws a timeline per customer and purchase, with one marker per event in its lane', () => {
    expect([...dom.matchAll(/<section class="customer" data-tenant="([0-9a-f-]+)"/g)].map((m) => m[1])).to.deep.equal([tenants.contoso, tenants.fabrikam]);
    expect(eventsDrawn(purchaseSection(dom, 'SUB-A1'))).to.deep.equal(['Purchased', 'KeyIssued', 'KeyViewed', 'Downloaded', 'LinkCopied']);
    expect(eventsDrawn(purchaseSection(dom, 'SUB-A2'))).to.have.members(['Purchased', 'KeyIssued', 'CancelRequested', 'CancelCompleted', 'KeyRevoked']);
    expect(eventsDrawn(purchaseSection(dom, 'SUB-B1'))).to.have.members(['Purchased', 'KeyIssued', 'CancelRequested', 'CancelRejected']);
    const keysLane = purchaseSection(dom, 'SUB-A2').match(/<div class="track" data-lane="keys">(.*?)<\/div>/)?.[1] ?? '';
    expect(keysLane).to.include('data-event="KeyIssued"').and.include('data-event="KeyRevoked"').and.not.include('data-event="CancelCompleted"');
  });

  it('draws the 60-day cancellation window as a band from the purchase to its deadline', () => {
    for (const subscriptionId of ['SUB-A1', 'SUB-A2', 'SUB-B1']) {
      const band = /<div class="window-band" style="left:([\d.]+)%;width:([\d.]+)%" title="60-day cancellation window: ([^"]+)">/.exec(purchaseSection(dom, subscriptionId));
      expect(band, subscriptionId).to.not.equal(null);
      const [left, width] = [Number(band?.[1]), Number(band?.[2])];
      expect(left).to.be.within(0, 10);
      expect(left + width).to.be.within(50, 100);
    }
    expect(purchaseSection(dom, 'SUB-B1')).to.include('60-day cancellation window: 2025-01-26 09:00 UTC to 2025-03-27 09:00 UTC');
  });

  it('shows keys by fingerprint with a revoked badge and, for the forgotten tenant, a shredded badge', () => {
    const revoked = purchaseSection(dom, 'SUB-A2');
    expect(revoked).to.match(/<li class="key" data-fingerprint="sha256:[0-9a-f]{16}"><code>sha256:[0-9a-f]{16}<\/code>/).and.include('badge badge-revoked');
    expect(purchaseSection(dom, 'SUB-A1')).to.include('badge badge-valid').and.not.include('badge-shredded');
    expect(purchaseSection(dom, 'SUB-B1')).to.include('<span class="badge badge-shredded">shredded</span>');
  });

  it('has a legend naming every marker and the window', () => {
    const legend = dom.slice(dom.indexOf('<div class="legend"'), dom.indexOf('</div>', dom.indexOf('<div class="legend"')));
    for (const words of ['Cancellation window', 'Bought', 'Key issued', 'Key viewed again', 'Key revoked', 'Downloaded', 'Download link copied', 'Cancellation requested', 'Cancellation completed', 'Cancellation rejected']) {
      expect(legend).to.include(words);
    }
  });

  it('runs no script from a hostile product title and never shows a product key', () => {
    expect(dom).to.not.match(/<script/i);
    expect(dom).to.include(HOSTILE_TITLE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    for (const key of productKeys) expect(dom).to.not.include(key);
  });

  it('saves a screenshot in .test-output/', () => {
    expect(existsSync(png)).to.equal(true);
    expect(statSync(png).size).to.be.greaterThan(20_000);
  });
});
