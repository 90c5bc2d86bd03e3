import { optionKeys, type OptionsShape } from '@csp-onprem/engine';
import type { BearerIdentityOptions } from './identity/bearer-identity.js';
import type { DevIdentityOptions } from './identity/dev-identity.js';
import type { JwtIdentityOptions } from './identity/jwt-identity.js';
import type { RolePolicy } from './identity/role-policy.js';
import type { ServerLogOptions } from './logging/log-options.js';
import type { ServerOptions } from './server-options.js';

/** The keys `createServer` takes; the compiler keeps the list equal to {@link ServerOptions}. */
export const SERVER_OPTIONS: OptionsShape = {
  name: "createServer's options",
  keys: optionKeys<ServerOptions>({
    engine: true,
    identity: true,
    bodyLimit: true,
    handlerTimeoutMs: true,
    requestTimeoutMs: true,
    keepAliveTimeoutMs: true,
    readinessTimeoutMs: true,
    log: true,
    metrics: true,
    closeEngine: true,
    portal: true,
    trustProxy: true,
  }),
};

/** The keys of `createServer`'s `log` option. */
export const SERVER_LOG_OPTIONS: OptionsShape = {
  name: "createServer's log option",
  keys: optionKeys<ServerLogOptions>({ level: true, stream: true }),
};

/** The keys `jwtIdentity` takes. */
export const JWT_IDENTITY_OPTIONS: OptionsShape = {
  name: "jwtIdentity's options",
  keys: optionKeys<JwtIdentityOptions>({
    keys: true,
    issuer: true,
    audience: true,
    roles: true,
    algorithms: true,
    clockToleranceSeconds: true,
    now: true,
    cacheVerifiedSeconds: true,
  }),
};

/** The keys `bearerIdentity` takes: `jwtIdentity`'s but its `keys`, and where to fetch them from. */
export const BEARER_IDENTITY_OPTIONS: OptionsShape = {
  name: "bearerIdentity's options",
  keys: [
    ...JWT_IDENTITY_OPTIONS.keys.filter((key) => key !== 'keys'),
    ...optionKeys<Omit<BearerIdentityOptions, keyof JwtIdentityOptions>>({ jwksUrl: true, fetchTimeoutMs: true }),
  ],
};

/** The keys `devIdentity` takes. */
export const DEV_IDENTITY_OPTIONS: OptionsShape = {
  name: "devIdentity's options",
  keys: optionKeys<DevIdentityOptions>({
    issuer: true,
    audience: true,
    personas: true,
    customers: true,
    roles: true,
    tokenLifetimeSeconds: true,
  }),
};

/** The keys of a role policy, the `roles` option of every identity. */
export const ROLE_POLICY_OPTIONS: OptionsShape = {
  name: 'the role policy (the roles option)',
  keys: optionKeys<RolePolicy>({ operatorTenants: true, appRoles: true, groupRoles: true, directoryRoles: true }),
};
