/**
 * What the CLI never writes raw to a terminal: C0 and C1 controls and DEL (escape sequences
 * clear screens, set window titles, hide lines), lone surrogates (no text at all), the bidi
 * embeddings, overrides and isolates (they reorder whole runs of what is shown, as in
 * "Trojan Source") and line and paragraph separators. The directional marks (LRM, RLM, ALM)
 * stay: right-to-left text needs them and they move no run.
 */
const UNSAFE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\u2028\u2029]/gu;

/** A white-space run that holds a line break or a tab. */
const BREAKING = /[\t\n\v\f\r\u2028\u2029]/;

function escaped(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text from the log made safe for a terminal: every character of {@link UNSAFE} is written as
 * a visible JSON-style escape (`ESC` as `\u001b`, a lone surrogate as `\ud800`), as `--json`
 * writes it. Everything else is left as it is. Linear.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/**
 * One table cell: a run of white space holding a line break or a tab becomes one space (a row
 * stays on one line and its columns stay aligned), then {@link terminalText}. Linear: each run
 * of white space is matched once.
 */
export function tableCell(text: string): string {
  return terminalText(text.replace(/\s+/g, (run) => (BREAKING.test(run) ? ' ' : run)));
}
