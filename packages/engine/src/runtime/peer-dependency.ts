import { createRequire } from 'node:module';

/** A peer dependency a package needs was not installed beside it; names the package and the command that installs it. */
export class MissingPeerDependencyError extends Error {
  override readonly name = 'MissingPeerDependencyError';
  /** Always `MissingPeerDependency`, for code that matches errors by code. */
  readonly code = 'MissingPeerDependency';
  constructor(
    /** The package that is missing, such as `pg`. */
    readonly packageName: string,
    /** The package that needs it, such as `@csp-onprem/store-postgres`. */
    readonly requiredBy: string,
  ) {
    super(`${requiredBy} needs the ${packageName} package, which is not installed (a peer dependency, so that your application and the store share one copy): npm install ${packageName}`);
  }
}

function isNotFound(cause: unknown): boolean {
  return (cause as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND';
}

/**
 * Loads a CommonJS peer dependency as the module at `from` (its `import.meta.url`) would, when
 * it is first needed; throws {@link MissingPeerDependencyError} when it is not installed. A
 * package that is installed but fails to load throws its own error.
 */
export function requirePeer<T>(from: string, packageName: string, requiredBy: string): T {
  const require = createRequire(from);
  try {
    require.resolve(packageName);
  } catch (cause) {
    if (isNotFound(cause)) throw new MissingPeerDependencyError(packageName, requiredBy);
    throw cause;
  }
  return require(packageName) as T;
}
