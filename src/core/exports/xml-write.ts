/** Writing XML as CVAT's writer (Python's XMLGenerator) does: two-space indent, escaped text. */

/** A <meta>-style tree: text leaves and nested lists of named children, in order. */
export type MetaTree = readonly (readonly [string, string | MetaTree])[];

/** Characters XML 1.0 cannot carry at all, even escaped: written as U+FFFD. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;'); // a bare CR would be read back as LF
}

export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** "--" cannot appear inside an XML comment. */
export const comment = (text: string) => escapeXmlText(text).replace(/--/g, '- -');

/** Lines of XML indented by two spaces a level, as CVAT's writer does. */
export class XmlLines {
  private readonly lines: string[] = [];
  private depth = 0;

  raw(line: string) {
    this.lines.push(line);
  }

  open(name: string, attributes: readonly (readonly [string, string])[] = []) {
    this.lines.push(`${this.indent()}<${name}${attributeList(attributes)}>`);
    this.depth += 1;
  }

  close(name: string) {
    this.depth -= 1;
    this.lines.push(`${this.indent()}</${name}>`);
  }

  leaf(name: string, text: string, attributes: readonly (readonly [string, string])[] = []) {
    this.lines.push(
      `${this.indent()}<${name}${attributeList(attributes)}>${escapeXmlText(text)}</${name}>`,
    );
  }

  tree(name: string, children: MetaTree) {
    this.open(name);
    for (const [child, value] of children) {
      if (typeof value === 'string') this.leaf(child, value);
      else this.tree(child, value);
    }
    this.close(name);
  }

  text() {
    return `${this.lines.join('\n')}\n`;
  }

  private indent() {
    return '  '.repeat(this.depth);
  }
}

const attributeList = (attributes: readonly (readonly [string, string])[]) =>
  attributes.map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`).join('');
