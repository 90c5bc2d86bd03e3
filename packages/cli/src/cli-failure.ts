/** How an audit command ends when it cannot do its work: one line for stderr and an exit code. */
export interface CliFailure {
  /** 1: the store or a file could not be read or written; 2: the arguments or an input file are wrong. */
  readonly exitCode: 1 | 2;
  readonly message: string;
}

/** Bad arguments or input the user gave (exit 2). */
export function badInput(message: string): CliFailure {
  return { exitCode: 2, message };
}

/** The store or a file could not be used (exit 1). */
export function cannotProceed(message: string): CliFailure {
  return { exitCode: 1, message };
}

/** `message` of whatever was thrown, on one line. */
export function reasonOf(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/\s*\n\s*/g, ' ');
}
