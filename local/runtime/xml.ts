/**
 * `util.xml.toMap` / `util.xml.toJsonString` (reference appsync-runtime.md §2.5). AppSync's documented
 * example turns `<posts><post><id>1</id><title>…</title></post></posts>` into
 * `{"posts":{"post":{"id":1,"title":"…"}}}`: the root element is the outer key, repeated child names
 * become arrays, and numeric text becomes a number. Not documented, so chosen here: attributes become
 * keys beside the children, an empty element is "", and mixed text beside children is kept under "".
 */
import { stringArg, UtilArgumentError, type HostApi } from './host-api.ts';

type XmlValue = string | number | XmlMap | XmlValue[];
interface XmlMap {
  [name: string]: XmlValue;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

const scalar = (text: string): string | number => (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : text);

function add(map: XmlMap, name: string, value: XmlValue): void {
  const existing = map[name];
  if (existing === undefined) map[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else map[name] = [existing, value];
}

class XmlReader {
  position = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new UtilArgumentError(`util.xml: ${message} at character ${this.position}`);
  }

  skipMisc(): void {
    for (;;) {
      const rest = this.text.slice(this.position);
      const space = /^\s+/.exec(rest);
      if (space) this.position += space[0].length;
      else if (rest.startsWith('<?')) this.position = this.after('?>');
      else if (rest.startsWith('<!--')) this.position = this.after('-->');
      else if (rest.startsWith('<!DOCTYPE')) this.position = this.after('>');
      else return;
    }
  }

  after(marker: string): number {
    const end = this.text.indexOf(marker, this.position);
    if (end < 0) this.fail(`missing ${marker}`);
    return end + marker.length;
  }

  element(): { name: string; value: XmlValue } {
    const open = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(this.text.slice(this.position));
    if (!open?.[1]) this.fail('expected an element');
    this.position += open[0].length;
    const name = open[1];
    const map: XmlMap = {};
    for (const attribute of (open[2] ?? '').matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      add(map, attribute[1] ?? '', scalar(decode(attribute[2] ?? attribute[3] ?? '')));
    }
    if (open[3] === '/') return { name, value: Object.keys(map).length > 0 ? map : '' };
    let text = '';
    let children = Object.keys(map).length > 0;
    for (;;) {
      const rest = this.text.slice(this.position);
      if (rest.length === 0) this.fail(`element <${name}> is not closed`);
      if (rest.startsWith(`</`)) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(rest);
        if (close?.[1] !== name) this.fail(`expected </${name}>`);
        this.position += close[0].length;
        break;
      }
      if (rest.startsWith('<![CDATA[')) {
        const end = this.text.indexOf(']]>', this.position);
        if (end < 0) this.fail('CDATA section is not closed');
        text += this.text.slice(this.position + 9, end);
        this.position = end + 3;
      } else if (rest.startsWith('<!--')) {
        this.position = this.after('-->');
      } else if (rest.startsWith('<')) {
        const child = this.element();
        add(map, child.name, child.value);
        children = true;
      } else {
        const end = rest.indexOf('<');
        text += decode(end < 0 ? rest : rest.slice(0, end));
        this.position += end < 0 ? rest.length : end;
      }
    }
    const trimmed = text.trim();
    if (!children) return { name, value: scalar(trimmed) };
    if (trimmed !== '') add(map, '', scalar(trimmed));
    return { name, value: map };
  }
}

export function xmlToMap(xml: string): XmlMap {
  const reader = new XmlReader(xml);
  reader.skipMisc();
  const root = reader.element();
  reader.skipMisc();
  if (reader.position !== xml.length) reader.fail('unexpected content after the root element');
  return { [root.name]: root.value };
}

export function createXmlApi(): HostApi {
  return {
    toMap: (args) => xmlToMap(stringArg(args, 0, 'util.xml.toMap')),
    toJsonString: (args) => {
      const json = JSON.stringify(xmlToMap(stringArg(args, 0, 'util.xml.toJsonString')));
      return args[1] === true ? JSON.stringify(json) : json;
    },
  };
}
