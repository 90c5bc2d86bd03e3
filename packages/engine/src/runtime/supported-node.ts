/**
 * The Node.js versions every csp-onprem package runs on, as written in each package's
 * `engines`: those that load ES modules with `require()` without a flag (20.19 and 22.12 were
 * the first of their lines), so that CommonJS programs can use the packages too.
 */
export const SUPPORTED_NODE_VERSIONS = '^20.19.0 || >=22.12.0';

/** Node.js was older than {@link SUPPORTED_NODE_VERSIONS}: thrown when the engine is imported, naming the version to install. */
export class UnsupportedNodeVersionError extends Error {
  override readonly name = 'UnsupportedNodeVersionError';
  /** Always `UnsupportedNodeVersion`, for code that matches errors by code. */
  readonly code = 'UnsupportedNodeVersion';
  constructor(
    /** The version that was found, such as `20.10.0`. */
    readonly found: string,
  ) {
    super(`csp-onprem needs Node.js 20.19 or later on the 20 line, or 22.12 or later (${SUPPORTED_NODE_VERSIONS}); this is Node.js ${found}: upgrade Node.js`);
  }
}

/** Whether a Node.js version (`process.versions.node`, such as `22.12.0`) is one of {@link SUPPORTED_NODE_VERSIONS}. */
export function isSupportedNodeVersion(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (major === 20) return minor >= 19;
  if (major === 22) return minor >= 12;
  return major >= 23;
}

/** Throws {@link UnsupportedNodeVersionError} unless `version` (by default this process's) is supported. */
export function requireSupportedNode(version: string = process.versions.node): void {
  if (!isSupportedNodeVersion(version)) throw new UnsupportedNodeVersionError(version);
}
