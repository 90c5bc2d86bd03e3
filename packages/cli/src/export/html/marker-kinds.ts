import type { EventType } from '@csp-onprem/domain';

/** A row of a purchase's timeline. */
export type Lane = 'order' | 'keys' | 'downloads' | 'cancellation';

/** How an event is drawn: its marker class, row and the words the legend uses. */
export interface MarkerKind {
  /** The CSS class suffix: `marker m-<kind>`. */
  readonly kind: string;
  readonly lane: Lane;
  readonly label: string;
}

/** Each event type's marker. */
export const markerKinds: Readonly<Record<EventType, MarkerKind>> = {
  Purchased: { kind: 'purchased', lane: 'order', label: 'Bought' },
  KeyIssued: { kind: 'key-issued', lane: 'keys', label: 'Key issued' },
  KeyViewed: { kind: 'key-viewed', lane: 'keys', label: 'Key viewed again' },
  KeyRevoked: { kind: 'key-revoked', lane: 'keys', label: 'Key revoked' },
  Downloaded: { kind: 'downloaded', lane: 'downloads', label: 'Downloaded' },
  LinkCopied: { kind: 'link-copied', lane: 'downloads', label: 'Download link copied' },
  CancelRequested: { kind: 'cancel-requested', lane: 'cancellation', label: 'Cancellation requested' },
  CancelCompleted: { kind: 'cancel-completed', lane: 'cancellation', label: 'Cancellation completed (credit)' },
  CancelRejected: { kind: 'cancel-rejected', lane: 'cancellation', label: 'Cancellation rejected' },
};

/** The rows of a timeline, top to bottom, with their labels. */
export const lanes: readonly (readonly [Lane, string])[] = [
  ['order', 'Order'],
  ['keys', 'Keys'],
  ['downloads', 'Downloads & links'],
  ['cancellation', 'Cancellation'],
];
