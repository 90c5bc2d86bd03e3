import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { actorFromClaims, GLOBAL_ADMINISTRATOR_TEMPLATE_ID, type RolePolicy } from '../src/index.js';
import { OPERATOR_TENANTS, tenants } from './support/cast.js';

const policy: RolePolicy = { operatorTenants: OPERATOR_TENANTS };

function rolesOf(claims: Record<string, unknown>, rules: RolePolicy = policy): readonly string[] {
  const actor = actorFromClaims(claims, rules);
  if (E.isLeft(actor)) throw new Error(actor.left);
  return actor.right.roles;
}

describe('the actor a token stands for', () => {
  it('is the token tenant (tid, lower-cased) and its oid as the user', () => {
    const actor = actorFromClaims({ tid: tenants.northwind.toUpperCase(), oid: 'user-object-id', sub: 'pairwise-subject', roles: ['AdminAgent'] }, policy);
    expect(actor).to.deep.equal(E.right({ userId: 'user-object-id', tenantId: tenants.northwind, roles: ['AdminAgent'] }));
  });

  it('takes sub as the user when the token has no oid', () => {
    const actor = actorFromClaims({ tid: tenants.northwind, sub: 'megan@northwind.example' }, policy);
    expect(actor).to.deep.equal(E.right({ userId: 'megan@northwind.example', tenantId: tenants.northwind, roles: [] }));
  });

  it('is refused without a tenant GUID or a user', () => {
    expect(actorFromClaims({ sub: 'x' }, policy)).to.deep.equal(E.left('the token has no tenant (a tid claim holding a tenant GUID)'));
    expect(actorFromClaims({ tid: 'contoso', sub: 'x' }, policy)).to.satisfy(E.isLeft);
    expect(actorFromClaims({ tid: tenants.contoso }, policy)).to.deep.equal(E.left('the token names no user (an oid or sub claim)'));
    expect(actorFromClaims({ tid: tenants.contoso, sub: 'x'.repeat(201) }, policy)).to.satisfy(E.isLeft);
  });

  it('holds GlobalAdmin when wids lists the Global Administrator template id', () => {
    expect(rolesOf({ tid: tenants.contoso, oid: 'kim', wids: [GLOBAL_ADMINISTRATOR_TEMPLATE_ID, 'fe930be7-5e62-47db-91af-98c3a49a38b1'] })).to.deep.equal(['GlobalAdmin']);
    expect(rolesOf({ tid: tenants.contoso, oid: 'kim', wids: ['fe930be7-5e62-47db-91af-98c3a49a38b1'] })).to.deep.equal([]);
  });

  it('keeps only the role names of DOMAIN.md from the roles claim, once each', () => {
    expect(rolesOf({ tid: tenants.northwind, oid: 'u', roles: ['AdminAgent', 'Owner', 'AdminAgent', 'SalesAgent', 42] })).to.deep.equal(['AdminAgent', 'SalesAgent']);
  });

  it('honours Support and Auditor only in tokens of the operator tenants', () => {
    expect(rolesOf({ tid: tenants.desk, oid: 'u', roles: ['Support', 'Auditor'] })).to.deep.equal(['Support', 'Auditor']);
    expect(rolesOf({ tid: tenants.tailspin, oid: 'u', roles: ['AdminAgent', 'Support', 'Auditor'] })).to.deep.equal(['AdminAgent']);
  });

  it('maps groups and renamed app roles for platforms that assign them so', () => {
    const rules: RolePolicy = {
      operatorTenants: OPERATOR_TENANTS,
      appRoles: { 'Partner.Admin': 'AdminAgent' },
      groupRoles: { '9e4b1b5a-5d0c-4b7e-9f7e-000000000001': 'Support' },
    };
    expect(rolesOf({ tid: tenants.northwind, oid: 'u', roles: ['Partner.Admin', 'AdminAgent'] }, rules)).to.deep.equal(['AdminAgent']);
    expect(rolesOf({ tid: tenants.desk, oid: 'u', groups: ['9e4b1b5a-5d0c-4b7e-9f7e-000000000001'] }, rules)).to.deep.equal(['Support']);
    expect(rolesOf({ tid: tenants.tailspin, oid: 'u', groups: ['9e4b1b5a-5d0c-4b7e-9f7e-000000000001'] }, rules)).to.deep.equal([]);
  });

  it('grants nothing for a claim named like an inherited property', () => {
    expect(rolesOf({ tid: tenants.northwind, oid: 'u', roles: ['constructor', '__proto__', 'toString'] })).to.deep.equal([]);
  });
});
