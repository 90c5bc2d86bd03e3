import { createHash } from 'node:crypto';
import type { Actor } from '@csp-onprem/domain';

interface Verified {
  readonly actor: Actor;
  /** Until when the entry may answer, in ms: the token's expiry or the cache's own bound, whichever is first. */
  readonly until: number;
}

/**
 * Tokens whose signature and claims were already checked, by their SHA-256 (the cache holds no
 * token text), so that a client's every request does not pay for a signature verification. An
 * entry answers until its token expires or for `maxAgeMs`, whichever is first: a key the issuer
 * withdraws stops working here within that bound. Least recently used entries go first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Verified>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly capacity = 10_000,
  ) {}

  /** The key a token is kept under: its SHA-256, taken once per request by the caller. */
  static keyOf(token: string): string {
    return createHash('sha256').update(token).digest('base64');
  }

  /** The actor of a token (by its `keyOf`) checked before and still valid at `now`, if any. */
  get(key: string, now: number): Actor | undefined {
    if (this.maxAgeMs <= 0) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (now >= entry.until) return undefined;
    this.entries.set(key, entry);
    return entry.actor;
  }

  /** Remembers a token (by its `keyOf`) that was just checked, until `expiresAtMs` at the latest. */
  set(key: string, actor: Actor, now: number, expiresAtMs: number): void {
    if (this.maxAgeMs <= 0) return;
    this.entries.set(key, { actor, until: Math.min(expiresAtMs, now + this.maxAgeMs) });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
