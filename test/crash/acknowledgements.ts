import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/** One command the child saw succeed, logged only after `execute` answered. */
export interface Acknowledgement {
  readonly run: number;
  readonly commandId: string;
  readonly type: string;
  readonly eventIds: readonly string[];
}

/** Appends an acknowledgement line; called after each successful execute. */
export function acknowledge(file: string, ack: Acknowledgement): void {
  appendFileSync(file, `${JSON.stringify(ack)}\n`);
}

/** The acknowledgements in a side file, and whether its last line was cut short by a kill. */
export interface AcknowledgementLog {
  readonly acks: Acknowledgement[];
  readonly cutShort: boolean;
}

/**
 * Reads every complete acknowledgement line. A last line without its newline was being written
 * when the child was killed: that command was never acknowledged, so it is left out.
 */
export function readAcknowledgements(file: string): AcknowledgementLog {
  if (!existsSync(file)) return { acks: [], cutShort: false };
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const last = lines.pop() ?? '';
  return { acks: lines.map((line) => JSON.parse(line) as Acknowledgement), cutShort: last !== '' };
}
