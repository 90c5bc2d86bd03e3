import { splitConnectionString } from '@csp-onprem/engine';

// The settings @kurrent/kurrentdb-client reads from a connection string's query, compared as
// it compares them: lower case, without `-` and `_`. (It also reads `dnsDiscover`, spelled
// exactly so.)
const KNOWN_SETTINGS: ReadonlySet<string> = new Set([
  'connectionname',
  'defaultdeadline',
  'discoveryinterval',
  'gossiptimeout',
  'keepaliveinterval',
  'keepalivetimeout',
  'maxdiscoverattempts',
  'nodepreference',
  'throwonappendfailure',
  'tls',
  'tlscafile',
  'tlsverifycert',
  'usercertfile',
  'userkeyfile',
]);

const flat = (key: string): string => key.trim().toLowerCase().replace(/[_-]/g, '');

/**
 * The settings in a connection string's query that the KurrentDB client does not know. The
 * client ignores such a setting with a warning on stderr that quotes the whole connection
 * string, password included, so the store refuses it first, naming only the setting.
 */
export function unknownSettings(connectionString: string): string[] {
  const rest = splitConnectionString(connectionString)?.rest ?? '';
  const query = rest.indexOf('?');
  if (query < 0) return [];
  return rest
    .slice(query + 1)
    .split('&')
    .map((pair) => pair.split('=')[0] ?? '')
    .filter((key) => key.trim() !== '' && key !== 'dnsDiscover' && !KNOWN_SETTINGS.has(flat(key)));
}
