import type { CancellationPolicy } from './codecs/product.js';

/** One day of the cancellation window: 24 hours of UTC time, in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The guide's policy: cancel within 60 days for 100% credit. */
export const DEFAULT_CANCELLATION_POLICY: CancellationPolicy = { windowDays: 60, creditPercent: 100 };

/** The first instant at which a cancellation is refused: `purchasedAt + windowDays x 24 h`. */
export function cancellationDeadline(purchasedAt: Date, policy: CancellationPolicy): Date {
  return new Date(purchasedAt.getTime() + policy.windowDays * DAY_MS);
}

/** Whether a request made at `requestedAt` is inside the window (strictly before the deadline). */
export function isWithinWindow(purchasedAt: Date, policy: CancellationPolicy, requestedAt: Date): boolean {
  return requestedAt.getTime() < cancellationDeadline(purchasedAt, policy).getTime();
}

/** Whole days left before the deadline, rounded up; 0 once it has passed. */
export function daysLeft(deadline: Date, at: Date): number {
  const ms = deadline.getTime() - at.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / DAY_MS);
}
