// A tiny, strict reader and writer for the flat XML WeChat pushes to an official-account server
// (`<xml><ToUserName><![CDATA[…]]></ToUserName>…</xml>`). No DOCTYPE, entity declarations,
// processing instructions, attributes or comments are accepted, so nothing can be expanded:
// anything outside that shape is refused with an error instead of being guessed at.

type XmlValue = string | XmlRecord;
export interface XmlRecord {
  [name: string]: XmlValue;
}

class XmlError extends Error {
  constructor(message: string) {
    super(`invalid XML: ${message}`);
    this.name = 'XmlError';
  }
}

/** WeChat's pushes are a few KB; anything far larger is not one of them. */
const MAX_XML_BYTES = 64 * 1024;
const MAX_DEPTH = 4;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses `<xml>…</xml>` into a record of strings (nested elements become records). */
export function parseXml(input: string): XmlRecord {
  if (input.length > MAX_XML_BYTES) throw new XmlError('message too large');
  if (/<!/.test(input.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) {
    throw new XmlError('DOCTYPE, entity declarations and comments are not allowed');
  }
  const reader = new Reader(input.replace(/^\uFEFF/, ''));
  reader.skipDeclaration();
  reader.skipSpace();
  const { name, value } = reader.element(0);
  reader.skipSpace();
  if (!reader.done()) throw new XmlError('content after the root element');
  if (name !== 'xml') throw new XmlError(`root element is <${name}>, expected <xml>`);
  if (typeof value === 'string') {
    if (value.trim()) throw new XmlError('the root element holds text');
    return {};
  }
  return value;
}

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at += 1;
  }

  skipDeclaration(): void {
    this.skipSpace();
    if (!this.text.startsWith('<?xml', this.at)) return;
    const end = this.text.indexOf('?>', this.at);
    if (end < 0) throw new XmlError('unterminated XML declaration');
    this.at = end + 2;
  }

  element(depth: number): { name: string; value: XmlValue } {
    if (depth > MAX_DEPTH) throw new XmlError('elements nested too deeply');
    const name = this.openTag();
    if (name.selfClosing) return { name: name.name, value: '' };
    let text = '';
    let children: XmlRecord | undefined;
    for (;;) {
      if (this.done()) throw new XmlError(`<${name.name}> is not closed`);
      if (this.text.startsWith('<![CDATA[', this.at)) {
        const end = this.text.indexOf(']]>', this.at);
        if (end < 0) throw new XmlError('unterminated CDATA section');
        text += this.text.slice(this.at + 9, end);
        this.at = end + 3;
      } else if (this.text.startsWith('</', this.at)) {
        const end = this.text.indexOf('>', this.at);
        const closing = end < 0 ? '' : this.text.slice(this.at + 2, end).trim();
        if (closing !== name.name) throw new XmlError(`<${name.name}> closed by </${closing}>`);
        this.at = end + 1;
        if (children) {
          if (text.trim()) throw new XmlError(`<${name.name}> mixes text and elements`);
          return { name: name.name, value: children };
        }
        return { name: name.name, value: text };
      } else if (this.text[this.at] === '<') {
        const child = this.element(depth + 1);
        children ??= {};
        if (Object.prototype.hasOwnProperty.call(children, child.name)) {
          throw new XmlError(`<${child.name}> appears twice`);
        }
        children[child.name] = child.value;
      } else {
        const next = this.text.indexOf('<', this.at);
        const end = next < 0 ? this.text.length : next;
        text += decodeReferences(this.text.slice(this.at, end));
        this.at = end;
      }
    }
  }

  private openTag(): { name: string; selfClosing: boolean } {
    if (this.text[this.at] !== '<') throw new XmlError('expected an element');
    const end = this.text.indexOf('>', this.at);
    if (end < 0) throw new XmlError('unterminated tag');
    let inner = this.text.slice(this.at + 1, end);
    this.at = end + 1;
    const selfClosing = inner.endsWith('/');
    if (selfClosing) inner = inner.slice(0, -1);
    const name = inner.trim();
    if (!NAME.test(name)) throw new XmlError(`bad element name or attributes in <${inner}>`);
    return { name, selfClosing };
  }
}

function decodeReferences(text: string): string {
  return text.replace(/&([^;&\s]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new XmlError(`bare "&" in text`);
    if (ref in PREDEFINED) return PREDEFINED[ref];
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(ref)
        ? parseInt(ref.slice(1), 10)
        : NaN;
    if (!Number.isFinite(code) || code > 0x10ffff) {
      throw new XmlError(`unknown entity &${ref};`);
    }
    return String.fromCodePoint(code);
  });
}

/** `]]>` cannot appear inside one CDATA section: split it across two. */
function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Builds WeChat's reply XML: strings as CDATA, numbers bare, records nested. */
export function buildXml(record: Record<string, string | number | XmlRecord>): string {
  return `<xml>${buildChildren(record)}</xml>`;
}

function buildChildren(record: Record<string, unknown>): string {
  return Object.entries(record)
    .map(([name, value]) => {
      if (!NAME.test(name)) throw new XmlError(`bad element name ${name}`);
      const inner =
        typeof value === 'number'
          ? String(value)
          : typeof value === 'string'
            ? cdata(value)
            : buildChildren(value as Record<string, unknown>);
      return `<${name}>${inner}</${name}>`;
    })
    .join('');
}

/** A field of a parsed message as text ('' when missing or not text). */
export function field(message: XmlRecord, name: string): string {
  const value = message[name];
  return typeof value === 'string' ? value : '';
}
