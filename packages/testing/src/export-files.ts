/** Where an unquoted field ends. */
const FIELD_END = /[,\r\n]/g;

/**
 * Parses CSV as RFC 4180 writes it (fields separated by commas, rows by CRLF or LF, a field
 * holding a comma, a quote or a line break quoted, its quotes doubled) into rows of fields.
 * Throws on a file that is not such CSV: a quote inside an unquoted field, text after a closing
 * quote, or a quoted field never closed. A final line break ends the last row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  const endRow = (): void => {
    rows.push(row);
    row = [];
  };
  while (index < text.length) {
    let field = '';
    if (text[index] === '"') {
      index += 1;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0) throw new Error(`a quoted field is never closed (from offset ${index})`);
        field += text.slice(index, quote);
        if (text[quote + 1] === '"') {
          field += '"';
          index = quote + 2;
          continue;
        }
        index = quote + 1;
        break;
      }
    } else {
      FIELD_END.lastIndex = index;
      const end = FIELD_END.exec(text)?.index ?? text.length;
      field = text.slice(index, end);
      if (field.includes('"')) throw new Error(`a quote inside an unquoted field at offset ${index}`);
      index = end;
    }
    row.push(field);
    const next = text[index];
    if (next === ',') {
      index += 1;
      if (index === text.length) row.push('');
    } else if (next === '\r' && text[index + 1] === '\n') {
      index += 2;
      endRow();
    } else if (next === '\n') {
      index += 1;
      endRow();
    } else if (next === undefined) {
      endRow();
    } else {
      throw new Error(`text after a closing quote at offset ${index}`);
    }
  }
  return rows;
}

/** Elements that never close. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][a-zA-Z0-9_:.-]*(?:="[^"<]*")?)*)\s*(\/?)>/y;
const ENTITY = /&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/y;
const DOCTYPE = /<!doctype html>/iy;
const MARKUP = /[<&]/g;

/** Whether `pattern` (sticky) matches at `index`; answers the match. */
function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

/**
 * What is wrong with the structure of an HTML page, or `undefined` when nothing is: every `<`
 * opens a doctype, a comment or a well-formed tag whose attribute values are quoted and hold no
 * `<`; every `&` opens an entity; every element but the void ones closes, in order. A page
 * whose every text from data was escaped passes; one raw `<`, `&` or `"` from data fails it.
 */
export function htmlStructureProblem(html: string): string | undefined {
  const open: string[] = [];
  const lower = html.toLowerCase();
  let index = 0;
  for (;;) {
    MARKUP.lastIndex = index;
    const next = MARKUP.exec(html);
    if (next === null) break;
    index = next.index;
    if (html[index] === '&') {
      if (matchAt(ENTITY, html, index) === null) return `a raw & at offset ${index}: ${JSON.stringify(html.slice(index, index + 40))}`;
      index += 1;
      continue;
    }
    const doctype = matchAt(DOCTYPE, html, index);
    if (doctype !== null) {
      index += doctype[0].length;
      continue;
    }
    if (html.startsWith('<!--', index)) {
      const end = html.indexOf('-->', index);
      if (end < 0) return `a comment never closed at offset ${index}`;
      index = end + 3;
      continue;
    }
    const tag = matchAt(TAG, html, index);
    if (tag === null) return `a raw < at offset ${index}: ${JSON.stringify(html.slice(index, index + 40))}`;
    const [whole, closing, rawName, , selfClosing] = tag;
    const name = (rawName ?? '').toLowerCase();
    index += whole.length;
    if (closing === '/') {
      const top = open.pop();
      if (top !== name) return `</${name}> at offset ${index} closes <${top ?? 'nothing'}>`;
    } else if (RAW_TEXT_ELEMENTS.has(name)) {
      const end = lower.indexOf(`</${name}>`, index);
      if (end < 0) return `<${name}> never closed`;
      index = end + name.length + 3;
    } else if (!VOID_ELEMENTS.has(name) && selfClosing !== '/') {
      open.push(name);
    }
  }
  return open.length === 0 ? undefined : `elements never closed: ${open.join(', ')}`;
}
