import type { RecordedEvent } from '@csp-onprem/engine';

const SINGLE_EVENT: Readonly<Record<string, readonly string[]>> = {
  PurchaseSoftware: ['Purchased'],
  GetKey: ['KeyIssued', 'KeyViewed'],
  DownloadSoftware: ['Downloaded'],
  CopyDownloadLink: ['LinkCopied'],
  RequestCancellation: ['CancelRequested'],
  RejectCancellation: ['CancelRejected'],
};

function variantOf(event: RecordedEvent): string {
  return 'variant' in event.data ? JSON.stringify(event.data.variant) : '';
}

/** What is wrong with one command's events, given its stream's events before them. */
function commandProblem(commandType: string, written: readonly RecordedEvent[], earlier: readonly RecordedEvent[]): string | undefined {
  const first = written[0];
  if (first === undefined) return undefined;
  if (written.some((event) => event.meta.commandType !== commandType)) return 'shares its command id with another command type';
  const streams = new Set(written.map((event) => event.streamId));
  if (streams.size !== 1) return `spans ${streams.size} streams`;
  if (written.some((event, index) => event.version !== first.version + index)) return `has versions ${written.map((e) => e.version).join(', ')}, not consecutive`;
  const types = written.map((event) => event.type);
  const single = SINGLE_EVENT[commandType];
  if (single !== undefined) return types.length === 1 && single.includes(first.type) ? undefined : `wrote [${types.join(', ')}]`;
  if (commandType !== 'CompleteCancellation') return `is of unknown type ${commandType}`;
  const issued = new Set(earlier.filter((event) => event.type === 'KeyIssued').map(variantOf));
  const revoked = written.slice(1).map((event) => (event.type === 'KeyRevoked' ? variantOf(event) : `not a KeyRevoked: ${event.type}`));
  const complete =
    first.type === 'CancelCompleted' && revoked.length === issued.size && new Set(revoked).size === revoked.length && revoked.every((variant) => issued.has(variant));
  return complete ? undefined : `wrote [${types.join(', ')}] for ${issued.size} issued key(s): a CompleteCancellation is 1 CancelCompleted + 1 KeyRevoked per key`;
}

/**
 * Lists every command in the log that is half-written: grouped by command id, each command
 * must hold exactly the events its type implies, in one stream at consecutive versions
 * (a `CompleteCancellation`: one `CancelCompleted` and one `KeyRevoked` per issued key;
 * every other command used here: exactly one event).
 */
export function halfWrittenCommands(events: readonly RecordedEvent[]): string[] {
  const byCommand = new Map<string, RecordedEvent[]>();
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const command = byCommand.get(event.meta.commandId) ?? [];
    command.push(event);
    byCommand.set(event.meta.commandId, command);
    const stream = byStream.get(event.streamId) ?? [];
    stream.push(event);
    byStream.set(event.streamId, stream);
  }
  const problems: string[] = [];
  for (const [commandId, written] of byCommand) {
    const first = written[0];
    if (first === undefined) continue;
    written.sort((a, b) => a.version - b.version);
    const earlier = (byStream.get(first.streamId) ?? []).filter((event) => event.version < first.version);
    const problem = commandProblem(first.meta.commandType, written, earlier);
    if (problem !== undefined) problems.push(`${commandId} (${first.meta.commandType}) ${problem}`);
  }
  return problems;
}
