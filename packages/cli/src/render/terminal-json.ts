import { displaySafeJson } from '@csp-onprem/domain';

/**
 * A value as pretty-printed JSON for stdout or a file: exactly the JSON `JSON.stringify` writes
 * (it parses back to the same value), except that DEL, C1 controls, bidi controls and line and
 * paragraph separators are written as `\uXXXX` escapes too, so no control character from the
 * log reaches a terminal (`JSON.stringify` escapes C0 controls and lone surrogates itself).
 */
export function terminalJson(value: unknown): string {
  return `${displaySafeJson(value, 2)}\n`;
}
