/**
 * `createEngine` (or another constructor) was given options it cannot work with. Thrown at
 * construction, before anything is read or written, naming the option (and the environment
 * variable, where one stands in for it) to set.
 */
export class EngineConfigurationError extends Error {
  override readonly name = 'EngineConfigurationError';
  /** Always `EngineConfiguration`, for code that matches errors by code. */
  readonly code = 'EngineConfiguration';
  constructor(
    message: string,
    /** The option to set or correct, such as `keyEncryptionKey`. */
    readonly option: string,
    /** The environment variable that may stand in for it, if any. */
    readonly variable?: string,
  ) {
    super(message);
  }
}
