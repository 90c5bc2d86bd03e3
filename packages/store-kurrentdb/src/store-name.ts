import { splitConnectionString } from '@csp-onprem/engine';

/** A connection string's authority: its `user:password` part (without the `@`; undefined when absent) and its hosts; undefined without a `scheme://`. */
function authorityOf(connectionString: string): { readonly userinfo: string | undefined; readonly hosts: string } | undefined {
  const split = splitConnectionString(connectionString);
  if (split === undefined) return undefined;
  return { userinfo: split.userinfo, hosts: /^[^/?#]*/.exec(split.rest)?.[0] ?? '' };
}

/** The store's name: `kurrentdb:` and the connection string's hosts, never its credentials or settings. */
export function storeNameOf(connectionString: string): string {
  const authority = authorityOf(connectionString);
  return authority === undefined || authority.hosts === '' ? 'kurrentdb:(invalid connection string)' : `kurrentdb:${authority.hosts}`;
}

/** The secrets of a connection string (its `user:password` part, and the password as written and decoded), longest first, so that messages can leave them out. */
export function secretsOf(connectionString: string): string[] {
  const userinfo = authorityOf(connectionString)?.userinfo;
  const colon = userinfo?.indexOf(':') ?? -1;
  if (userinfo === undefined || colon < 0) return [];
  const password = userinfo.slice(colon + 1);
  if (password === '') return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A password that is not valid percent-encoding is kept as written.
  }
  return [...new Set([userinfo, password, decoded])].sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((redacted, secret) => redacted.split(secret).join('***'), text);
}
