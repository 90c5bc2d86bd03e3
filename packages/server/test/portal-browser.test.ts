import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { devIdentity } from '../src/index.js';
import { launchChromium, requireChromium } from './support/browser.js';
import { claimsOf, OPERATOR_TENANTS, tenants } from './support/cast.js';
import { TestIssuer } from './support/test-issuer.js';
import { startService, testIdentity, type TestService } from './support/test-service.js';

const SUB = 'SUB-PORTAL-1';

describe('the browser tests', () => {
  it('fail in one line saying how to install Chromium when it is missing', () => {
    expect(() => requireChromium('/nonexistent/chromium')).to.throw(/^[^\n]*apt-get install chromium[^\n]*$/);
  });
});

describe('the partner portal page, in Debian\'s Chromium', function () {
  this.timeout(120_000);
  let service: TestService;
  let browser: BrowserContext;
  let page: Page;
  let shots: string;
  let step = 0;
  const paths = new Set<string>();

  async function screenshot(name: string): Promise<void> {
    step += 1;
    await page.screenshot({ path: join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  const text = (testid: string) => page.locator(`[data-testid="${testid}"]`).innerText();

  before(async () => {
    shots = mkdtempSync(join(tmpdir(), 'csp-portal-screens-'));
    const identity = await devIdentity({
      personas: [
        { id: 'megan', label: 'Megan, Northwind (AdminAgent)', claims: claimsOf.megan },
        { id: 'desk', label: 'Refund desk (Support)', claims: claimsOf.desk },
        { id: 'kim', label: "Contoso's Global Administrator", claims: claimsOf.kim },
      ],
      customers: [{ name: 'Contoso', tenantId: tenants.contoso, domain: 'contoso.onmicrosoft.com' }],
      roles: { operatorTenants: OPERATOR_TENANTS },
    });
    service = await startService(identity);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => paths.add(new URL(request.url()).pathname));
  });
  after(async () => {
    await browser?.close();
    await service?.close();
    process.stdout.write(`      screenshots: ${shots}\n`);
  });

  it('signs in as the first persona, with the development warning shown', async () => {
    await page.goto(`${service.url}/`);
    await page.locator('[data-testid="whoami"]', { hasText: 'Signed in as' }).waitFor();
    expect(await text('whoami')).to.include(claimsOf.megan.oid).and.include('AdminAgent');
    expect(await page.locator('#dev-warning').isVisible()).to.equal(true);
    expect(await page.locator('[data-testid="customer-tenant"]').inputValue()).to.equal(tenants.contoso);
    await screenshot('signed-in');
  });

  it('buys on behalf of the customer and lists the purchase', async () => {
    await page.fill('[data-testid="buy-order"]', 'ORD-PORTAL-1');
    await page.fill('[data-testid="buy-subscription"]', SUB);
    await page.fill('[data-testid="buy-quantity"]', '2');
    await page.click('[data-testid="buy-submit"]');
    await page.locator(`[data-testid="status-${SUB}"]`).waitFor();
    expect(await text(`status-${SUB}`)).to.equal('active');
    expect(await text('status')).to.include('Bought 2 x SQL Server 2019 Standard for 7,172.00 USD');
    await screenshot('bought');
  });

  it('chooses a variant, gets the key in a dialog and copies it', async () => {
    await page.selectOption(`[data-testid="language-${SUB}"]`, 'de-de');
    await page.click(`[data-testid="get-keys-${SUB}"]`);
    await page.locator('[data-testid="key-dialog"]').waitFor({ state: 'visible' });
    const key = await text('key-value');
    expect(key).to.match(/^TEST-[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
    expect(await page.locator('#key-variant').innerText()).to.include('2019 de-de 64-bit (issued now)');
    await page.click('[data-testid="key-copy"]');
    await page.locator('[data-testid="key-copied"]', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).to.equal(key);
    await screenshot('key');
    await page.keyboard.press('Escape');
    await page.locator(`[data-testid="keys-${SUB}"]`, { hasText: '2019 de-de 64-bit: sha256:' }).waitFor();
  });

  it('records a download and copies a download link', async () => {
    await page.click(`[data-testid="download-${SUB}"]`);
    await page.locator(`[data-testid="counts-${SUB}"]`, { hasText: '1 downloads, 0 links copied' }).waitFor();
    await page.click(`[data-testid="copy-link-${SUB}"]`);
    await page.locator('[data-testid="link-dialog"]').waitFor({ state: 'visible' });
    const link = await text('link-value');
    expect(link).to.match(new RegExp(`^https://downloads\\.csp-onprem-test\\.invalid/${SUB}/2019/de-de/64-bit\\?token=`));
    await page.click('[data-testid="link-copy"]');
    await page.locator('[data-testid="link-copied"]', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).to.equal(link);
    await screenshot('link');
    await page.keyboard.press('Escape');
    await page.locator(`[data-testid="counts-${SUB}"]`, { hasText: '1 downloads, 1 links copied' }).waitFor();
  });

  it('shows the refund eligibility: inside the window, 100% of what was paid', async () => {
    await page.click(`[data-testid="eligibility-${SUB}"]`);
    await page.locator('[data-testid="eligible"]').waitFor();
    expect(await text('eligible')).to.equal('eligible for a refund');
    expect(await text('refundable')).to.equal('Credit 100%: up to 7,172.00 USD of 7,172.00 USD paid.');
    await screenshot('eligibility');
  });

  it('requests a cancellation with every ticket field', async () => {
    await page.click(`[data-testid="cancel-${SUB}"]`);
    const form = page.locator('#cancel-form');
    expect(await form.locator('[name="amount"]').inputValue()).to.equal('7172.00');
    await form.locator('[name="refundReason"]').fill('Ordered the wrong edition');
    await form.locator('[name="impact"]').fill('Blocks the customer migration');
    await form.locator('[name="contactName"]').fill('Megan Bowen');
    await form.locator('[name="contactEmail"]').fill('megan@northwind.example');
    await form.locator('[name="contactPhone"]').fill('+1 425 555 0100');
    await form.locator('[name="attachments"]').fill('invoice.pdf, order.pdf');
    await screenshot('cancellation-form');
    await page.click('[data-testid="cancel-submit"]');
    await page.locator(`[data-testid="status-${SUB}"]`, { hasText: 'cancellation-pending' }).waitFor();
    expect(await text('status')).to.match(/^Cancellation ticket TKT-\S+ opened/);
    await screenshot('cancellation-requested');
  });

  it('lets the support desk see the ticket with its fields and complete it', async () => {
    await page.selectOption('[data-testid="persona"]', 'desk');
    const ticket = page.locator('[data-testid^="ticket-TKT-"]');
    await ticket.waitFor();
    const row = await ticket.innerText();
    for (const field of ['Ordered the wrong edition', '7,172.00 USD', 'Blocks the customer migration', 'Megan Bowen', 'megan@northwind.example', 'invoice.pdf, order.pdf', `subscription ${SUB}`]) expect(row).to.include(field);
    await screenshot('ticket-queue');
    await page.locator('[data-testid^="complete-TKT-"]').click();
    await page.locator('[data-testid="no-tickets"]').waitFor();
    expect(await text('status')).to.match(/completed: 7,172\.00 USD credited, 1 key\(s\) revoked/);
    await screenshot('ticket-completed');
  });

  it("shows the customer's GlobalAdmin its own list: cancelled, keys revoked, no longer eligible", async () => {
    await page.selectOption('[data-testid="persona"]', 'kim');
    await page.locator('[data-testid="whoami"]', { hasText: 'GlobalAdmin' }).waitFor();
    await page.locator(`[data-testid="status-${SUB}"]`, { hasText: 'cancelled' }).waitFor();
    expect(await text(`keys-${SUB}`)).to.include('(revoked)');
    expect(await page.locator('#buy').isVisible()).to.equal(false);
    await page.click(`[data-testid="eligibility-${SUB}"]`);
    await page.locator('[data-testid="eligible"]', { hasText: 'not eligible' }).waitFor();
    expect(await page.locator('#eligibility').innerText()).to.include('already-cancelled');
    expect(await text('activity')).to.include('key issued').and.include('link copied');
    await screenshot('customer-view');
  });

  it('outside development mode, asks for a bearer token and signs in with it', async () => {
    const issuer = await TestIssuer.start();
    const production = await startService(testIdentity(issuer));
    try {
      const other = await browser.newPage();
      await other.goto(`${production.url}/`);
      await other.locator('#token-form').waitFor({ state: 'visible' });
      expect(await other.locator('#dev-warning').isVisible()).to.equal(false);
      await other.fill('#token', await issuer.token(claimsOf.desk));
      await other.click('#token-form button');
      await other.locator('[data-testid="whoami"]', { hasText: 'refunds@support.example' }).waitFor();
      await other.locator('[data-testid="no-tickets"]').waitFor();
      await other.close();
    } finally {
      await production.close();
      await issuer.close();
    }
  });

  it('used nothing but the page, its script and style, the public API and the persona list', () => {
    for (const path of paths) expect(path, path).to.match(/^(\/|\/portal\/portal\.(js|css)|\/dev\/personas|\/v1\/.+)$/);
  });
});
