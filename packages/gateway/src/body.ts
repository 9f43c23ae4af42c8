// Request bodies as the boundary reads them: JSON media types only, UTF-8 or a declared UTF-16,
// at most 1 MiB by default. Web standards only (TextDecoder); the WHATWG "parse a MIME type"
// algorithm is below, since Node's MIMEType class is not in every runtime.

/** The default body limit; a host may set another (its limits). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Charsets a JSON body may declare (RFC 8259 allows UTF-8; UTF-16 is decoded when declared). */
const CHARSETS: Record<string, string> = { 'utf-8': 'utf-8', utf8: 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'utf-16': 'utf-16le' };

export type MediaTypeCheck = { ok: true; charset: string } | { ok: false; reason: string };

/** Checks a `Content-Type` for a JSON body: parseable, JSON (`application/json` or `*+json`), a known charset. */
export function jsonMediaType(contentType: string | null | undefined): MediaTypeCheck {
  if (contentType === null || contentType === undefined) return { ok: false, reason: 'the request has a body but no Content-Type; send Content-Type: application/json' };
  const mime = parseMimeType(contentType);
  if (!mime) return { ok: false, reason: `the Content-Type ${JSON.stringify(contentType.slice(0, 100))} cannot be parsed` };
  const essence = `${mime.type}/${mime.subtype}`;
  if (essence !== 'application/json' && !mime.subtype.endsWith('+json')) {
    return { ok: false, reason: `this operation reads application/json; the request was sent as ${essence}` };
  }
  const declared = mime.params.get('charset')?.toLowerCase() ?? 'utf-8';
  const charset = CHARSETS[declared];
  if (!charset) return { ok: false, reason: `the charset ${JSON.stringify(declared.slice(0, 40))} is not supported; send UTF-8` };
  return { ok: true, charset };
}

/** Decodes the body bytes in the declared charset (strictly: invalid bytes are an error). */
export function decodeBody(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset, { fatal: true, ignoreBOM: false }).decode(bytes);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const QUOTED_STRING_CHARS = /^[\t\u0020-\u007E\u0080-\u00FF]*$/;
const WHITESPACE = /[\t\n\r ]/;

/** https://mimesniff.spec.whatwg.org/#parse-a-mime-type (what Node's MIMEType implements); undefined on failure. */
export function parseMimeType(input: string): { type: string; subtype: string; params: Map<string, string> } | undefined {
  const text = input.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const type = text.slice(0, slash);
  let position = text.indexOf(';', slash + 1);
  if (position === -1) position = text.length;
  const subtype = text.slice(slash + 1, position).replace(/[\t\n\r ]+$/, '');
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  const params = new Map<string, string>();
  while (position < text.length) {
    position++; // past ";"
    while (position < text.length && WHITESPACE.test(text[position])) position++;
    let end = position;
    while (end < text.length && text[end] !== ';' && text[end] !== '=') end++;
    const name = text.slice(position, end).toLowerCase();
    position = end;
    if (position < text.length && text[position] === ';') continue;
    position++; // past "="
    if (position > text.length) break;
    let value: string;
    if (text[position] === '"') {
      [value, position] = quotedString(text, position);
      while (position < text.length && text[position] !== ';') position++;
    } else {
      end = text.indexOf(';', position);
      if (end === -1) end = text.length;
      value = text.slice(position, end).replace(/[\t\n\r ]+$/, '');
      position = end;
      if (value === '') continue;
    }
    if (name !== '' && TOKEN.test(name) && QUOTED_STRING_CHARS.test(value) && !params.has(name)) params.set(name, value);
  }
  return { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params };
}

/** https://fetch.spec.whatwg.org/#collect-an-http-quoted-string, extract-value: the value and the position after it. */
function quotedString(text: string, start: number): [string, number] {
  let value = '';
  let position = start + 1;
  while (position < text.length) {
    const char = text[position++];
    if (char === '"') break;
    if (char === '\\') {
      if (position >= text.length) {
        value += '\\';
        break;
      }
      value += text[position++];
    } else value += char;
  }
  return [value, position];
}
