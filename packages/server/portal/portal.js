// The partner portal: a small client of the public HTTP API (the /v1 routes), and in
// development mode of /dev/personas for the persona switcher. No framework; every value from
// the API reaches the page as text, never as HTML.

/** The price list the "Add products" form offers (what a partner's own catalogue would). */
const CATALOG = [
  {
    product: { productId: 'DEMO-SQL-2019-STD', skuId: '2-CORE-PACK', title: 'SQL Server 2019 Standard', versions: ['2019', '2017'], languages: ['en-us', 'de-de', 'fr-fr'], bitness: ['64-bit', '32-bit'] },
    price: '3586.00',
  },
  {
    product: { productId: 'DEMO-WINSRV-2022-DC', skuId: '16-CORE', title: 'Windows Server 2022 Datacenter', versions: ['2022'], languages: ['en-us', 'de-de'], bitness: ['64-bit'] },
    price: '6155.00',
  },
];

const state = {
  token: '',
  me: null,
  dev: null,
  customer: { tenantId: '', domain: '' },
  items: [],
  /** The variant chosen on each row, kept when the list is drawn again. */
  variants: new Map(),
};

const $ = (id) => document.getElementById(id);

/** Builds an element; strings become text nodes, never markup. */
function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return element;
}

/** A failed call: the RFC 9457 problem the service answered. */
class Problem extends Error {
  constructor(body) {
    super(`${body.title ?? 'Request failed'}${body.code ? ` (${body.code})` : ''}: ${body.detail ?? ''}`);
    this.body = body;
  }
}

/** Calls the API as the signed-in actor. */
async function api(method, path, body) {
  const headers = { authorization: `Bearer ${state.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) throw new Problem(json ?? { title: response.statusText, status: response.status });
  return json;
}

function say(text, isProblem = false) {
  const status = $('status');
  status.textContent = text;
  status.className = isProblem ? 'problem' : '';
}

/** Runs an action, saying what went wrong if it did. */
async function attempt(action) {
  try {
    await action();
  } catch (error) {
    say(error instanceof Problem ? error.message : `Failed: ${error.message}`, true);
  }
}

const newCommandId = () => crypto.randomUUID();

// Money is integer minor units: it is read and written as text, never as a floating-point number.
function digitsOf(currency) {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

function formatMoney({ amount, currency }) {
  const digits = digitsOf(currency);
  const text = String(amount).padStart(digits + 1, '0');
  const whole = BigInt(text.slice(0, text.length - digits)).toLocaleString('en-US');
  return `${whole}${digits > 0 ? `.${text.slice(text.length - digits)}` : ''} ${currency}`;
}

function parseMoney(text, currency) {
  const digits = digitsOf(currency);
  const match = /^\s*(\d{1,15})(?:\.(\d*))?\s*$/.exec(text.replace(/,/g, ''));
  if (match === null || (match[2] ?? '').length > digits) throw new Error(`${text} is not an amount of ${currency} (at most ${digits} decimals)`);
  return { amount: Number(`${match[1]}${(match[2] ?? '').padEnd(digits, '0')}`), currency };
}

const day = (instant) => (instant ? instant.slice(0, 10) : '');
const variantText = (v) => `${v.version} ${v.language} ${v.bitness}`;
const has = (role) => state.me !== null && state.me.roles.includes(role);
const isPartner = () => has('AdminAgent');
const isCustomerAdmin = () => has('GlobalAdmin');
const isDesk = () => has('Support');

async function copyText(text, note) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', {}, text);
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  note.textContent = 'Copied';
}

// ---- identity ----

async function signIn(token) {
  state.token = token;
  state.me = null;
  try {
    state.me = await api('GET', '/v1/me');
  } catch (error) {
    $('whoami').textContent = 'Not signed in.';
    for (const id of ['customer', 'buy', 'software', 'desk', 'activity']) $(id).hidden = true;
    throw error;
  }
  $('eligibility').hidden = true;
  const { userId, tenantId, roles } = state.me;
  $('whoami').textContent = `Signed in as ${userId} of tenant ${tenantId}, roles: ${roles.length > 0 ? roles.join(', ') : 'none'}`;
  const reader = isPartner() || isCustomerAdmin() || isDesk() || has('Auditor');
  $('customer').hidden = !reader;
  $('buy').hidden = !isPartner();
  $('software').hidden = !reader;
  $('activity').hidden = !reader;
  $('desk').hidden = !isDesk();
  const own = isCustomerAdmin() && !isPartner();
  $('customer-pick').disabled = own;
  $('customer-tenant').readOnly = own;
  if (own) chooseCustomer({ tenantId, domain: state.dev?.customers.find((c) => c.tenantId === tenantId)?.domain ?? '' });
  else if (state.customer.tenantId === '' && state.dev?.customers[0]) chooseCustomer(state.dev.customers[0]);
  say('');
  await refresh();
}

function chooseCustomer(customer) {
  state.customer = { tenantId: customer.tenantId, domain: customer.domain };
  $('customer-tenant').value = customer.tenantId;
  $('customer-domain').value = customer.domain;
  const pick = $('customer-pick');
  pick.value = [...pick.options].some((option) => option.value === customer.tenantId) ? customer.tenantId : '';
}

async function refresh() {
  const tasks = [];
  if (!$('software').hidden && state.customer.tenantId !== '') tasks.push(loadSoftware(), loadActivity());
  if (isDesk()) tasks.push(loadTickets());
  await Promise.all(tasks);
}

// ---- the software list ----

async function loadSoftware() {
  const list = await api('GET', `/v1/customers/${encodeURIComponent(state.customer.tenantId)}/software`);
  state.items = list.items;
  const rows = $('software-rows');
  rows.replaceChildren(...list.items.map(softwareRow));
  if (list.items.length === 0) rows.append(h('tr', {}, h('td', { colspan: 9 }, 'No software bought for this customer yet.')));
}

function select(options, label, testid) {
  return h('select', { 'aria-label': label, 'data-testid': testid }, options.map((option) => h('option', { value: option }, option)));
}

function softwareRow(item) {
  const sub = item.subscriptionId;
  const version = select(item.product.versions, 'Version', `version-${sub}`);
  const language = select(item.product.languages, 'Language', `language-${sub}`);
  const bitness = select(item.product.bitness, 'Bitness', `bitness-${sub}`);
  const chosen = state.variants.get(sub);
  if (chosen !== undefined) [version.value, language.value, bitness.value] = [chosen.version, chosen.language, chosen.bitness];
  const variant = () => ({ version: version.value, language: language.value, bitness: bitness.value });
  for (const part of [version, language, bitness]) part.addEventListener('change', () => state.variants.set(sub, variant()));
  const cancelled = item.status === 'cancelled';
  const keyHolder = isPartner() || isCustomerAdmin();
  const actions = h(
    'div',
    { className: 'actions' },
    keyHolder && h('button', { type: 'button', 'data-testid': `get-keys-${sub}`, disabled: cancelled, onclick: () => attempt(() => getKey(item, variant())) }, 'Get keys'),
    keyHolder && h('button', { type: 'button', className: 'secondary', 'data-testid': `download-${sub}`, disabled: cancelled, onclick: () => attempt(() => download(item, variant())) }, 'Download'),
    isPartner() && h('button', { type: 'button', className: 'secondary', 'data-testid': `copy-link-${sub}`, disabled: !item.downloadLinksOffered, onclick: () => attempt(() => copyLink(item, variant())) }, 'Copy link'),
    h('button', { type: 'button', className: 'secondary', 'data-testid': `eligibility-${sub}`, onclick: () => attempt(() => showEligibility(item)) }, 'Refund eligibility'),
    isPartner() && h('button', { type: 'button', className: 'secondary', 'data-testid': `cancel-${sub}`, disabled: item.status !== 'active', onclick: () => openCancellation(item) }, 'Request cancellation'),
  );
  const keys = item.keys.length === 0
    ? 'none yet'
    : h('ul', {}, item.keys.map((key) => h('li', { className: key.revoked ? 'revoked' : '' }, `${variantText(key.variant)}: ${key.fingerprint}${key.revoked ? ' (revoked)' : ''}${key.shredded ? ' (shredded)' : ''}`)));
  return h(
    'tr',
    { 'data-testid': `row-${sub}` },
    h('td', {}, item.product.title, h('br'), h('small', {}, `x ${item.quantity}`)),
    h('td', {}, item.orderId, h('br'), h('small', {}, sub)),
    h('td', {}, h('span', { className: `status-${item.status}`, 'data-testid': `status-${sub}` }, item.status)),
    h('td', {}, day(item.purchasedAt)),
    h('td', {}, day(item.cancellableUntil)),
    h('td', {}, formatMoney(item.paid)),
    h('td', { 'data-testid': `keys-${sub}` }, keys),
    h('td', { 'data-testid': `counts-${sub}` }, `${item.downloads} downloads, ${item.linkCopies} links copied`),
    h('td', {}, h('div', { className: 'row' }, version, language, bitness), actions),
  );
}

async function getKey(item, variant) {
  const answer = await api('POST', `/v1/purchases/${encodeURIComponent(item.subscriptionId)}/keys`, { commandId: newCommandId(), variant, ...(isPartner() ? {} : { partnerId: item.partnerId }) });
  $('key-variant').textContent = `${item.product.title}, ${variantText(answer.variant)} (${answer.issued ? 'issued now' : 'shown again'})`;
  $('key-value').textContent = answer.productKey ?? '';
  $('key-fingerprint').textContent = `Fingerprint ${answer.fingerprint}. This showing is recorded.`;
  $('key-copied').textContent = '';
  $('key-dialog').showModal();
  await loadSoftware();
  await loadActivity();
}

async function download(item, variant) {
  await api('POST', `/v1/purchases/${encodeURIComponent(item.subscriptionId)}/downloads`, { commandId: newCommandId(), variant, ...(isPartner() ? {} : { partnerId: item.partnerId }) });
  say(`Download of ${item.product.title} ${variantText(variant)} recorded.`);
  await loadSoftware();
  await loadActivity();
}

async function copyLink(item, variant) {
  const answer = await api('POST', `/v1/purchases/${encodeURIComponent(item.subscriptionId)}/links`, { commandId: newCommandId(), variant });
  $('link-value').textContent = answer.link?.url ?? '';
  $('link-expiry').textContent = `Expires ${answer.expiresAt}. Fingerprint ${answer.linkFingerprint}.`;
  $('link-copied').textContent = '';
  $('link-dialog').showModal();
  await loadSoftware();
  await loadActivity();
}

async function showEligibility(item) {
  const answer = await api('GET', `/v1/purchases/${encodeURIComponent(item.subscriptionId)}/refund-eligibility${isPartner() ? '' : `?partnerId=${encodeURIComponent(item.partnerId)}`}`);
  const panel = $('eligibility');
  panel.hidden = false;
  panel.replaceChildren(
    h('strong', {}, `${item.product.title} (${item.subscriptionId}): `),
    h('span', { 'data-testid': 'eligible' }, answer.eligible ? 'eligible for a refund' : 'not eligible'),
    ` (${answer.reason}). `,
    answer.eligible ? `${answer.daysLeft} days left, until ${answer.deadline}. ` : `Window ended ${answer.deadline}. `,
    h('span', { 'data-testid': 'refundable' }, `Credit ${answer.creditPercent}%: up to ${formatMoney(answer.refundableAmount)} of ${formatMoney(answer.paid)} paid.`),
  );
}

// ---- cancellation ----

function openCancellation(item) {
  const form = $('cancel-form');
  const digits = digitsOf(item.paid.currency);
  const paid = String(item.paid.amount).padStart(digits + 1, '0');
  const values = {
    tenantId: item.customer.tenantId,
    domain: item.customer.domain,
    orderId: item.orderId,
    subscriptionId: item.subscriptionId,
    amount: digits > 0 ? `${paid.slice(0, -digits)}.${paid.slice(-digits)}` : paid,
    currency: item.paid.currency,
    title: `Cancel ${item.product.title} (${item.subscriptionId})`,
  };
  for (const element of form.elements) if (element.name) element.value = values[element.name] ?? '';
  $('cancel-dialog').showModal();
}

async function submitCancellation(event) {
  event.preventDefault();
  const field = (name) => $('cancel-form').elements.namedItem(name).value.trim();
  const optional = (name) => (field(name) === '' ? undefined : field(name));
  const attachments = field('attachments').split(',').map((name) => name.trim()).filter((name) => name !== '');
  const body = {
    commandId: newCommandId(),
    customer: { ...(optional('tenantId') ? { tenantId: field('tenantId') } : {}), ...(optional('domain') ? { domain: field('domain') } : {}) },
    ...(optional('orderId') ? { orderId: field('orderId') } : {}),
    ...(optional('subscriptionId') ? { subscriptionId: field('subscriptionId') } : {}),
    refundReason: field('refundReason'),
    requestedAmount: parseMoney(field('amount'), field('currency')),
    impact: field('impact'),
    title: field('title'),
    contact: { name: field('contactName'), email: field('contactEmail'), phone: field('contactPhone') },
    ...(attachments.length > 0 ? { attachments } : {}),
  };
  const answer = await api('POST', '/v1/cancellations', body);
  $('cancel-dialog').close();
  say(`Cancellation ticket ${answer.ticketId} opened; the support desk completes or rejects it.`);
  await refresh();
}

// ---- the support desk ----

async function loadTickets() {
  const { tickets } = await api('GET', '/v1/tickets?status=open');
  const rows = $('ticket-rows');
  rows.replaceChildren(...tickets.map(ticketRow));
  if (tickets.length === 0) rows.append(h('tr', {}, h('td', { colspan: 8, 'data-testid': 'no-tickets' }, 'No open tickets.')));
}

function ticketRow(ticket) {
  const reason = h('input', { 'aria-label': 'Rejection reason', placeholder: 'reason to reject', 'data-testid': `reject-reason-${ticket.ticketId}` });
  const customer = [ticket.customer.tenantId, ticket.customer.domain].filter(Boolean).join(' / ');
  const reference = [ticket.reference.orderId && `order ${ticket.reference.orderId}`, ticket.reference.subscriptionId && `subscription ${ticket.reference.subscriptionId}`].filter(Boolean).join(', ');
  return h(
    'tr',
    { 'data-testid': `ticket-${ticket.ticketId}` },
    h('td', {}, ticket.ticketId, h('br'), h('small', {}, ticket.issueType)),
    h('td', {}, day(ticket.requestedAt), h('br'), h('small', {}, `by ${ticket.requestedBy.userId}`)),
    h('td', {}, customer, h('br'), h('small', {}, reference)),
    h('td', {}, ticket.refundReason, h('br'), formatMoney(ticket.requestedAmount)),
    h('td', {}, ticket.impact, h('br'), h('small', {}, ticket.title)),
    h('td', {}, ticket.contact.name, h('br'), h('small', {}, `${ticket.contact.email}, ${ticket.contact.phone}`)),
    h('td', {}, ticket.attachments.join(', ') || 'none'),
    h(
      'td',
      {},
      h('div', { className: 'actions' },
        h('button', { type: 'button', 'data-testid': `complete-${ticket.ticketId}`, onclick: () => attempt(() => decide(ticket, 'complete', {})) }, 'Complete'),
        reason,
        h('button', { type: 'button', className: 'secondary', 'data-testid': `reject-${ticket.ticketId}`, onclick: () => attempt(() => decide(ticket, 'reject', { reason: reason.value })) }, 'Reject')),
    ),
  );
}

async function decide(ticket, verdict, fields) {
  const answer = await api('POST', `/v1/cancellations/${encodeURIComponent(ticket.ticketId)}/${verdict}`, { commandId: newCommandId(), ...fields });
  say(verdict === 'complete' ? `Ticket ${answer.ticketId} completed: ${formatMoney(answer.credit)} credited, ${answer.revokedKeys.length} key(s) revoked.` : `Ticket ${answer.ticketId} rejected: the purchase stays active.`);
  await refresh();
}

// ---- activity ----

const WATCHED = new Set(['KeyIssued', 'KeyViewed', 'Downloaded', 'LinkCopied', 'CancelRequested', 'CancelCompleted', 'CancelRejected']);

async function loadActivity() {
  const { entries } = await api('GET', `/v1/audit-trail?customerTenantId=${encodeURIComponent(state.customer.tenantId)}`);
  const watched = entries.filter((entry) => WATCHED.has(entry.type)).slice(-15).reverse();
  $('activity-rows').replaceChildren(...watched.map((entry) => h('li', {}, `${entry.occurredAt.replace('T', ' ').slice(0, 16)} UTC: ${entry.summary} (${entry.userId} as ${entry.actingRole})`)));
}

// ---- start ----

async function start() {
  const personas = await fetch('/dev/personas').then((response) => (response.ok ? response.json() : null), () => null);
  $('customer-pick').append(h('option', { value: '' }, 'Another tenant...'));
  for (const entry of CATALOG) $('buy-product').append(h('option', { value: entry.product.productId }, entry.product.title));
  $('buy-price').value = CATALOG[0].price;
  $('buy-product').addEventListener('change', () => {
    $('buy-price').value = CATALOG.find((entry) => entry.product.productId === $('buy-product').value)?.price ?? '';
  });
  if (personas !== null) {
    state.dev = personas;
    $('dev-warning').hidden = false;
    $('persona-picker').hidden = false;
    for (const persona of personas.personas) $('persona').append(h('option', { value: persona.id }, persona.label));
    for (const customer of personas.customers) $('customer-pick').prepend(h('option', { value: customer.tenantId }, `${customer.name} (${customer.domain})`));
    $('persona').addEventListener('change', () => attempt(() => signIn(personas.personas.find((p) => p.id === $('persona').value).token)));
    await attempt(() => signIn(personas.personas[0].token));
  } else {
    $('token-form').hidden = false;
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  attempt(() => signIn($('token').value.trim()));
});

$('customer-pick').addEventListener('change', () => {
  const customer = state.dev?.customers.find((c) => c.tenantId === $('customer-pick').value);
  if (customer) chooseCustomer(customer);
  attempt(refresh);
});

$('customer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.customer = { tenantId: $('customer-tenant').value.trim(), domain: $('customer-domain').value.trim() };
  attempt(refresh);
});

$('buy-form').addEventListener('submit', (event) => {
  event.preventDefault();
  attempt(async () => {
    const entry = CATALOG.find((candidate) => candidate.product.productId === $('buy-product').value);
    const answer = await api('POST', `/v1/customers/${encodeURIComponent(state.customer.tenantId)}/purchases`, {
      commandId: newCommandId(),
      customer: { domain: state.customer.domain },
      orderId: $('buy-order').value.trim(),
      subscriptionId: $('buy-subscription').value.trim(),
      product: entry.product,
      quantity: Number($('buy-quantity').value),
      unitPrice: parseMoney($('buy-price').value, $('buy-currency').value.trim()),
    });
    say(`Bought ${answer.quantity} x ${answer.product.title} for ${formatMoney(answer.paid)}; cancellable until ${day(answer.cancellableUntil)}.`);
    await refresh();
  });
});

$('key-copy').addEventListener('click', () => copyText($('key-value').textContent, $('key-copied')));
$('link-copy').addEventListener('click', () => copyText($('link-value').textContent, $('link-copied')));
$('cancel-form').addEventListener('submit', (event) => attempt(() => submitCancellation(event)));
$('cancel-close').addEventListener('click', () => $('cancel-dialog').close());

start();
