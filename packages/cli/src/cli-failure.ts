import { tableCell } from './render/terminal-text.js';

/** How an audit command ends when it cannot do its work: one line for stderr and an exit code. */
export interface CliFailure {
  /** 1: the store or a file could not be read or written; 2: the arguments or an input file are wrong. */
  readonly exitCode: 1 | 2;
  readonly message: string;
}

/** Bad arguments or input the user gave (exit 2); the message is made safe for a terminal (`tableCell`). */
export function badInput(message: string): CliFailure {
  return { exitCode: 2, message: tableCell(message) };
}

/**
 * The store or a file could not be used (exit 1). The message may quote the log (a stream id,
 * a stored value), so it is made one line and safe for a terminal (`tableCell`).
 */
export function cannotProceed(message: string): CliFailure {
  return { exitCode: 1, message: tableCell(message) };
}

/** `message` of whatever was thrown, on one line and safe for a terminal. */
export function reasonOf(cause: unknown): string {
  return tableCell(cause instanceof Error ? cause.message : String(cause));
}
