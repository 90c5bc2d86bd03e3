import { DEVELOPMENT_WARNING, type DevelopmentIdentity } from '@csp-onprem/server';

/** What a started service prints: where it listens, what it serves, and in development mode the persona tokens. */
export function serveBanner(url: string, storeName: string, development: DevelopmentIdentity | undefined, notes: readonly string[]): string[] {
  const lines = [
    `csp-onprem serve: listening on ${url} (store ${storeName})`,
    `  partner portal  ${url}/`,
    `  API contract    ${url}/openapi.json`,
    `  health          ${url}/healthz  ${url}/readyz  ${url}/metrics`,
    ...notes.map((note) => `  ${note}`),
  ];
  if (development === undefined) return [...lines, '  Stop with Ctrl+C (SIGINT) or SIGTERM: requests in flight finish, then the store closes.'];
  const bar = '!'.repeat(100);
  return [
    ...lines,
    '',
    bar,
    `!!! ${DEVELOPMENT_WARNING}`,
    `!!! Issuer ${development.issuer}, audience ${development.audience}; the persona switcher of the portal uses these.`,
    bar,
    '',
    `Persona tokens (until ${development.personas[0]?.expiresAt ?? 'restart'}; a restart makes new keys):`,
    ...development.personas.flatMap((persona) => [`  ${persona.id.padEnd(15)} ${persona.label}`, `    ${persona.token}`]),
    '',
    `Try: curl -H "Authorization: Bearer $TOKEN" ${url}/v1/me`,
    'Stop with Ctrl+C (SIGINT) or SIGTERM: requests in flight finish, then the store closes.',
  ];
}
