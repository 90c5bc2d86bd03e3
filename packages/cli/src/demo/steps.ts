import * as E from 'fp-ts/lib/Either.js';
import type { Actor, Command, DomainEvent, ErrorCode } from '@csp-onprem/domain';
import { purchaseStreamId, type EngineError, type Executed, type ExecutedEvent } from '@csp-onprem/engine';
import type { DemoContext } from './context.js';

/** Why the demo stopped: an engine error where success was expected, or an outcome the story did not expect. */
export interface DemoFailure {
  readonly code: ErrorCode | 'UnexpectedOutcome';
  readonly message: string;
  /** The step of the story that failed. */
  readonly step: string;
}

type WithoutEnvelope<C> = C extends Command ? Omit<C, 'commandId' | 'actor'> : never;
/** A command without its id and actor, which the step supplies. */
export type CommandBody = WithoutEnvelope<Command>;

function failed(step: string, error: EngineError): DemoFailure {
  return { code: error.code, message: error.message, step };
}

/** Runs one command of the story; its command id is the run id plus the step name. */
export async function perform(ctx: DemoContext, step: string, actor: Actor, body: CommandBody): Promise<E.Either<DemoFailure, Executed>> {
  // Each person of the story signs in as themselves: the session, not the command, says who acts.
  const result = await ctx.engine.as(actor).execute({ ...body, commandId: `${ctx.ids.runId}-${step}` });
  return E.isLeft(result) ? E.left(failed(step, result.left)) : result;
}

/** Runs a command the story expects to be refused with `code`; any other outcome stops the demo. */
export async function expectRefusal(
  ctx: DemoContext,
  step: string,
  actor: Actor,
  body: CommandBody,
  code: ErrorCode,
): Promise<E.Either<DemoFailure, EngineError>> {
  const result = await ctx.engine.as(actor).execute({ ...body, commandId: `${ctx.ids.runId}-${step}` });
  if (E.isRight(result)) return E.left({ code: 'UnexpectedOutcome', message: `expected ${code}, but the command was accepted`, step });
  if (result.left.code !== code) return E.left(failed(step, result.left));
  return E.right(result.left);
}

/** How many events the purchase's stream holds: proof that a refused command wrote nothing. */
export async function streamVersion(ctx: DemoContext, step: string, partnerId: string, subscriptionId: string): Promise<E.Either<DemoFailure, number>> {
  const read = await ctx.store.readStream(purchaseStreamId(partnerId, subscriptionId));
  return E.isLeft(read) ? E.left(failed(step, read.left)) : E.right(read.right.length);
}

/** An executed event as the domain event it is; the engine reports `type` and `data` side by side. */
export function asDomainEvent(event: ExecutedEvent): DomainEvent {
  return { type: event.type, data: event.data } as DomainEvent;
}

/** The events a command wrote, by type, for narration: `KeyIssued` or `CancelCompleted, KeyRevoked`. */
export function eventTypes(executed: Executed): string {
  return executed.events.map((event) => event.type).join(', ');
}

/** The first event of a type that a command wrote, typed. */
export function writtenEvent<K extends DomainEvent['type']>(executed: Executed, type: K): Extract<DomainEvent, { type: K }> | undefined {
  const found = executed.events.find((event) => event.type === type);
  return found === undefined ? undefined : (asDomainEvent(found) as Extract<DomainEvent, { type: K }>);
}
