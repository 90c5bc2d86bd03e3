// Settings of the user's own npm that a child npm should keep: where packages come from and
// how to reach it. Everything else npm_config_* holds under `npm run` describes the calling
// npm (its local prefix, the repository's, and its global prefix among them) and must not
// steer an npm run in another directory.
const KEPT = new Set(['registry', 'cache', 'userconfig', 'globalconfig', 'cafile', 'ca', 'strict_ssl', 'proxy', 'https_proxy', 'noproxy']);

/** This process's environment for a child `npm`: the calling npm's npm_config_* dropped, but for the user's registry, cache, certificates and proxies. */
export function childNpmEnvironment(environment: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(environment).filter(([name]) => {
      const setting = /^npm_config_(.+)$/i.exec(name)?.[1]?.toLowerCase();
      return setting === undefined || KEPT.has(setting);
    }),
  );
}
