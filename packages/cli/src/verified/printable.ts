// C0 and C1 control characters, and the Unicode bidirectional overrides and isolates.
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the log (stream ids, domains) made safe for a terminal: control characters and
 * bidirectional overrides are shown as `\u001b`-style escapes, so that a stored value can
 * neither move the cursor, recolour a verdict, nor reorder the words of one.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
