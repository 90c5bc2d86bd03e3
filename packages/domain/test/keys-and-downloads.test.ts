import { expect } from 'chai';
import {
  aCancelCompleted,
  aCancelRequested,
  aDownload,
  aFingerprint,
  aGetKey,
  aKeyIssued,
  aKeyRevoked,
  aLinkCopy,
  anActor,
  anotherVariant,
  anUnofferedVariant,
  aPurchased,
  aSealedKey,
  aVariant,
  customerGlobalAdmin,
  given,
  partnerAdmin,
  tenants,
  ticketIdAt,
} from '@csp-onprem/testing';

const sealed = { sealedKey: aSealedKey('fresh'), fingerprint: 'sha256:00112233aabbccdd' };
const link = { fingerprint: 'sha256:0123456789abcdef', host: 'downloads.example.invalid', expiresAt: '2024-03-15T09:30:00.000Z' };
/** Offered language and bitness, but a version the product does not offer (it offers 2019 and 2016). */
const anUnofferedVersion = { ...aVariant, version: '2022' };
/** Offered version and bitness, but a language the product does not offer (it offers en-us and de-de). */
const anUnofferedLanguage = { ...aVariant, language: 'fr-fr' };
const cancelled = [aPurchased(), aKeyIssued(), aCancelRequested(ticketIdAt(3)), aCancelCompleted(ticketIdAt(3)), aKeyRevoked(ticketIdAt(3))];

describe('getting product keys', () => {
  it('asks the handler for a product key the first time a variant is keyed', () => {
    const needed = given(aPurchased()).when(aGetKey()).thenNeeds('productKey');
    expect(needed.variant).to.deep.equal(aVariant);
  });

  it('issues the provided sealed key the first time (KeyIssued)', () => {
    given(aPurchased())
      .when(aGetKey(), { productKey: sealed })
      .thenEmits({ type: 'KeyIssued', data: { variant: aVariant, ...sealed } });
  });

  it('shows an issued key again as KeyViewed, naming the viewer and role, without asking for a new key', () => {
    const actor = partnerAdmin();
    given(aPurchased(), aKeyIssued())
      .when(aGetKey({ actor }))
      .thenEmits({
        type: 'KeyViewed',
        data: { variant: aVariant, fingerprint: aFingerprint(), viewer: { userId: actor.userId, tenantId: actor.tenantId, role: 'AdminAgent' } },
      });
  });

  it('keys each variant separately', () => {
    given(aPurchased(), aKeyIssued()).when(aGetKey({ variant: anotherVariant })).thenNeeds('productKey');
  });

  it('lets the customer GlobalAdmin view a key already issued, as GlobalAdmin', () => {
    const actor = customerGlobalAdmin();
    const decision = given(aPurchased(), aKeyIssued())
      .when(aGetKey({ actor }))
      .thenEmits({
        type: 'KeyViewed',
        data: { variant: aVariant, fingerprint: aFingerprint(), viewer: { userId: actor.userId, tenantId: tenants.customer, role: 'GlobalAdmin' } },
      });
    expect(decision.actingRole).to.equal('GlobalAdmin');
  });

  it('refuses the customer GlobalAdmin a key never issued with Forbidden', () => {
    const error = given(aPurchased()).when(aGetKey({ actor: customerGlobalAdmin() }), { productKey: sealed }).thenFails('Forbidden');
    expect(error.message).to.include('only an AdminAgent can get new keys');
  });

  it('refuses the GlobalAdmin of another tenant with Forbidden', () => {
    given(aPurchased(), aKeyIssued()).when(aGetKey({ actor: customerGlobalAdmin(tenants.otherCustomer) })).thenFails('Forbidden');
  });

  it('refuses the AdminAgent of a partner that did not sell the purchase with Forbidden', () => {
    given(aPurchased(), aKeyIssued()).when(aGetKey({ actor: partnerAdmin(tenants.otherPartner) })).thenFails('Forbidden');
  });

  it('refuses a SalesAgent or HelpdeskAgent of the selling partner with Forbidden', () => {
    for (const role of ['SalesAgent', 'HelpdeskAgent']) {
      given(aPurchased(), aKeyIssued()).when(aGetKey({ actor: anActor([role], tenants.sellingPartner) })).thenFails('Forbidden');
    }
  });

  it('refuses a variant the product does not offer with VariantNotOffered', () => {
    const error = given(aPurchased()).when(aGetKey({ variant: anUnofferedVariant })).thenFails('VariantNotOffered');
    expect(error.message).to.include('32-bit');
  });

  it('refuses a variant that differs from the offered ones only by version with VariantNotOffered', () => {
    given(aPurchased()).when(aGetKey({ variant: anUnofferedVersion }), { productKey: sealed }).thenFails('VariantNotOffered');
  });

  it('refuses a variant that differs from the offered ones only by language with VariantNotOffered', () => {
    given(aPurchased()).when(aGetKey({ variant: anUnofferedLanguage }), { productKey: sealed }).thenFails('VariantNotOffered');
  });

  it('refuses a key for a purchase that does not exist with UnknownPurchase', () => {
    given().when(aGetKey()).thenFails('UnknownPurchase');
  });

  it('refuses to key, view or issue again on a cancelled purchase with AlreadyCancelled', () => {
    given(...cancelled).when(aGetKey()).thenFails('AlreadyCancelled');
    given(...cancelled).when(aGetKey({ variant: anotherVariant }), { productKey: sealed }).thenFails('AlreadyCancelled');
    given(...cancelled).when(aGetKey({ actor: customerGlobalAdmin() })).thenFails('AlreadyCancelled');
  });

  it('treats the sealed key as opaque: whatever the provider sealed is recorded unchanged', () => {
    const odd = { sealedKey: { ...aSealedKey('not a 5x5 key, with spaces / and ünïcode'), keyId: 'kms:tenant/42' }, fingerprint: 'fp-anything' };
    given(aPurchased()).when(aGetKey(), { productKey: odd }).thenEmits({ type: 'KeyIssued', data: { variant: aVariant, ...odd } });
  });
});

describe('downloading software', () => {
  it('records a download by the selling partner', () => {
    given(aPurchased()).when(aDownload()).thenEmits({ type: 'Downloaded', data: { variant: aVariant } });
  });

  it('records a download by the customer GlobalAdmin, even before any key was issued', () => {
    const decision = given(aPurchased()).when(aDownload({ actor: customerGlobalAdmin() })).thenEmits({ type: 'Downloaded', data: { variant: aVariant } });
    expect(decision.actingRole).to.equal('GlobalAdmin');
  });

  it('refuses a variant the product does not offer with VariantNotOffered', () => {
    given(aPurchased()).when(aDownload({ variant: anUnofferedVariant })).thenFails('VariantNotOffered');
  });

  it('refuses a variant that differs from the offered ones only by version or only by language with VariantNotOffered', () => {
    given(aPurchased()).when(aDownload({ variant: anUnofferedVersion })).thenFails('VariantNotOffered');
    given(aPurchased()).when(aDownload({ variant: anUnofferedLanguage })).thenFails('VariantNotOffered');
  });

  it('refuses a download on a cancelled purchase with AlreadyCancelled', () => {
    given(...cancelled).when(aDownload()).thenFails('AlreadyCancelled');
  });

  it('refuses a download by another tenant with Forbidden', () => {
    given(aPurchased()).when(aDownload({ actor: customerGlobalAdmin(tenants.otherCustomer) })).thenFails('Forbidden');
  });
});

describe('copying download links', () => {
  it('asks the handler for a download link first', () => {
    given(aPurchased()).when(aLinkCopy()).thenNeeds('downloadLink');
  });

  it("records every copy with the link's fingerprint, host and expiry, never the link with its token", () => {
    given(aPurchased())
      .when(aLinkCopy(), { downloadLink: link })
      .thenEmits({ type: 'LinkCopied', data: { variant: aVariant, linkFingerprint: link.fingerprint, linkHost: link.host, expiresAt: link.expiresAt } });
  });

  it('records a second copy as another LinkCopied', () => {
    const copied = { type: 'LinkCopied' as const, data: { variant: aVariant, linkFingerprint: link.fingerprint, linkHost: link.host, expiresAt: link.expiresAt } };
    given(aPurchased(), copied).when(aLinkCopy(), { downloadLink: link }).thenEmits(copied);
  });

  it('refuses the customer GlobalAdmin with Forbidden: only the partner copies links', () => {
    given(aPurchased()).when(aLinkCopy({ actor: customerGlobalAdmin() }), { downloadLink: link }).thenFails('Forbidden');
  });

  it('refuses a variant the product does not offer with VariantNotOffered', () => {
    given(aPurchased()).when(aLinkCopy({ variant: anUnofferedVariant })).thenFails('VariantNotOffered');
  });

  it('refuses a variant that differs from the offered ones only by version or only by language with VariantNotOffered', () => {
    given(aPurchased()).when(aLinkCopy({ variant: anUnofferedVersion }), { downloadLink: link }).thenFails('VariantNotOffered');
    given(aPurchased()).when(aLinkCopy({ variant: anUnofferedLanguage }), { downloadLink: link }).thenFails('VariantNotOffered');
  });

  it('stops offering links once the purchase is cancelled (AlreadyCancelled)', () => {
    given(...cancelled).when(aLinkCopy(), { downloadLink: link }).thenFails('AlreadyCancelled');
  });
});
