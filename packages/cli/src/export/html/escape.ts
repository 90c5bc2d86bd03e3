const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Characters a page should show, not hide or act on: C0 controls but tab and line breaks, DEL,
 * C1 controls (invisible, and NUL is no HTML at all), lone surrogates (a file's UTF-8 has none:
 * they would become U+FFFD) and the bidi embeddings, overrides and isolates (they reorder the
 * text around them; the directional marks stay, right-to-left text needs them).
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Text made safe for HTML element content and quoted attribute values: `& < > " '` as
 * entities, and the characters of {@link INVISIBLE} as visible `\u001b`-style escapes, as the
 * CLI's terminal output shows them.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
    .replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
