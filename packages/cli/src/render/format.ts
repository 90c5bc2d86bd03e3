/** An instant as `2025-09-12 09:00 UTC`-style text without the zone: the demo prints UTC throughout. */
export function formatInstant(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** A day as `2025-09-12`. */
export function formatDay(instant: Date | string): string {
  return formatInstant(instant).slice(0, 10);
}

/** `yes` or `no`. */
export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
