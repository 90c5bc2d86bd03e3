import type { ChainReport } from '../verified/audited-read.js';
import { plainDate } from '../verified/head-verdict.js';
import { terminalText } from './terminal-text.js';
import type { DigestOutcome, VerifyOutcome } from '../verified/verify-outcome.js';
import { trustStatusWord, type TrustCheck } from '../verified/digest-trust.js';
import { plural } from '../text/plural.js';

const LABEL = 13;
const label = (name: string): string => `${name}:`.padEnd(LABEL);
/** Warnings printed before "and N more" (--json lists them all). */
const MAX_WARNINGS = 50;

function chainLines(chain: ChainReport): string[] {
  if (chain.ok) {
    const lines = [`${label('hash chains')}ok: ${chain.events} events in ${chain.streams} streams decode and chain, last position ${chain.position}`];
    if (chain.events === 0) lines.push('  (the store holds no events: check the address)');
    return lines;
  }
  const unreadable = chain.unreadable === 0 ? '' : `, ${chain.unreadable} of them unreadable`;
  const lines = [`${label('hash chains')}FAILED: ${plural(chain.badEvents, 'event')} of the ${chain.events} read ${chain.badEvents === 1 ? 'does' : 'do'} not hold${unreadable}:`];
  for (const failure of chain.failures) lines.push(`  - ${failure.verdict}`, `    detail: ${failure.problem}: ${failure.detail} (stream ${failure.streamId})`);
  if (chain.badEvents > chain.failures.length) lines.push(`  - and ${plural(chain.badEvents - chain.failures.length, 'more event')} (--json lists the first ${chain.failures.length})`);
  return lines;
}

function covers(digest: DigestOutcome): string {
  const { events, position, root, signedAt } = digest.covers;
  const kind = digest.format === 'csp-onprem-heads/1' ? 'older-format digest' : signedAt === undefined ? 'unsigned tree head' : `signed tree head of ${plainDate(signedAt)}`;
  return `${digest.file} (${kind}: ${events} events up to position ${position}, root ${root.slice(0, 16)}...)`;
}

function digestLines(digest: DigestOutcome, chainOk: boolean): string[] {
  if (digest.ok) return [`${label('digest')}ok: ${covers(digest)} matches the log`];
  if (digest.recordMatches && !chainOk) {
    // Never "ok" beside a failing chain: the recorded hashes match, the events behind them do not.
    return [`${label('digest')}FAILED: ${covers(digest)}: the log's recorded hashes still make it, but events no longer match their recorded hashes (see hash chains), so the log does not hold what was digested`];
  }
  const lines = [`${label('digest')}FAILED: ${covers(digest)} does not match the log:`];
  for (const finding of digest.findings) {
    lines.push(`  - ${finding.verdict}`);
    if (finding.detail !== finding.verdict) lines.push(`    detail: ${finding.detail}`);
  }
  return lines;
}

function trustLine(name: string, check: TrustCheck): string {
  const status = trustStatusWord(check.status);
  return `${label(name)}${status}: ${check.message}`;
}

function readModelLines(outcome: VerifyOutcome): string[] {
  const report = outcome.readModels;
  if (report === null) return [`${label('read models')}none: this store keeps no read models`];
  if (report.checked.length === 0) return [`${label('read models')}none saved in this store`];
  const saved = report.checked.map((c) => `${c.readModel} (${plural(c.documents, 'document')} at position ${c.position})`).join(', ');
  if (report.ok) return [`${label('read models')}ok: ${saved} match a fold of the log`];
  const lines = [`${label('read models')}FAILED: ${plural(report.differences.length, 'saved document')} ${report.differences.length === 1 ? 'is' : 'are'} not what the log makes (checked: ${saved}):`];
  report.differences.forEach((difference, index) => lines.push(`  - ${report.verdicts[index] ?? difference.message}`, `    detail: ${difference.message}`));
  return lines;
}

function warningLines(outcome: VerifyOutcome): string[] {
  const { warnings } = outcome;
  if (warnings.length === 0) return [`${label('warnings')}none`];
  const lines = [`${label('warnings')}${warnings.length} (not signs of tampering on their own; the checks above decide that):`];
  for (const warning of warnings.slice(0, MAX_WARNINGS)) lines.push(`  - ${warning.message}`);
  if (warnings.length > MAX_WARNINGS) lines.push(`  - and ${warnings.length - MAX_WARNINGS} more (--json lists them all)`);
  return lines;
}

/** The outcome of `verify` as lines of text: each check, each finding in words then its detail, the warnings apart, the verdict last. */
export function verifyOutcomeLines(outcome: VerifyOutcome): string[] {
  const lines = [
    `verify ${outcome.store}`,
    ...chainLines(outcome.chain),
    ...(outcome.digest === undefined ? [] : [...digestLines(outcome.digest, outcome.chain.ok), trustLine('signature', outcome.digest.signature), trustLine('timestamp', outcome.digest.timestamp)]),
    ...readModelLines(outcome),
    ...warningLines(outcome),
  ];
  lines.push(`verify: ${outcome.ok ? 'ok' : 'FAILED'}`);
  return lines.map(terminalText);
}

/** The one stderr line of a failed verify: the first verdict, and how many more there are. */
export function verifyProblem(outcome: VerifyOutcome): string {
  const [first, ...rest] = outcome.verdicts;
  return terminalText(`verify failed: ${first ?? 'the log does not verify'}${rest.length === 0 ? '' : ` (and ${plural(rest.length, 'more finding')}: see above)`}`);
}
