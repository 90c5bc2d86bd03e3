import type { DigestCheck, VerifyReport } from '@csp-onprem/engine';
import { terminalText as t } from './terminal-text.js';

/** What `csp-onprem verify` found: the chains and, when a digest was given, the digest check. */
export interface VerifyOutcome {
  readonly ok: boolean;
  readonly store: string;
  readonly chain: VerifyReport;
  readonly digest?: DigestCheck & { readonly file: string };
}

/** The first bad event in a few words, safe for a terminal: for the one line on stderr. */
export function chainProblem(chain: VerifyReport): string | undefined {
  const failure = chain.firstFailure;
  return failure === undefined ? undefined : `${t(failure.problem)} of ${t(failure.streamId)} version ${failure.version} at global position ${failure.position}`;
}

function chainLines(chain: VerifyReport): string[] {
  const failure = chain.firstFailure;
  if (failure === undefined) {
    const lines = [`hash chains: ok: ${chain.events} events in ${chain.streams} streams decode and chain, last position ${chain.position}`];
    if (chain.events === 0) lines.push('  (the store holds no events: check the address)');
    return lines;
  }
  return [
    `hash chains: FAILED at the first bad event: stream ${t(failure.streamId)}, version ${failure.version}, global position ${failure.position}`,
    `  ${t(failure.problem)}: ${t(failure.detail)}`,
    `  (the ${chain.events} events before it, in ${chain.streams} streams, check out)`,
  ];
}

function digestLines(digest: NonNullable<VerifyOutcome['digest']>): string[] {
  const kept = digest.digest;
  const what = `${kept.events} events in ${kept.streams} streams up to position ${kept.position}, root ${kept.root.slice(0, 16)}...`;
  return digest.ok
    ? [`digest:      ok: ${t(digest.file)} (${what}) matches the log`]
    : [`digest:      FAILED: ${t(digest.file)} (${what}) does not match the log`, `  ${t(digest.problem ?? 'the recomputed digest differs')}`];
}

/** The report as lines of text, safe for a terminal: text from the log is escaped (`terminalText`). */
export function verifyLines(outcome: VerifyOutcome): string[] {
  return [
    `verify ${t(outcome.store)}`,
    ...chainLines(outcome.chain),
    ...(outcome.digest === undefined ? [] : digestLines(outcome.digest)),
    `verify: ${outcome.ok ? 'ok' : 'FAILED'}`,
  ];
}
