// XML-RPC as Odoo speaks it (/xmlrpc/2/common and /xmlrpc/2/object): the value types it sends and
// takes. Small on purpose; the Odoo contract double in deploy/odoo-double parses it independently.

import type { XmlRpcValue } from '../../ports/odooRpc';

export class XmlRpcFault extends Error {
  constructor(readonly faultCode: number | string, readonly faultString: string) {
    super(`XML-RPC fault ${faultCode}: ${faultString.split('\n').filter(Boolean).slice(-1)[0] ?? ''}`);
    this.name = 'XmlRpcFault';
  }
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function encodeValue(value: XmlRpcValue): string {
  if (value === null) return '<value><nil/></value>';
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === 'number') return Number.isInteger(value) ? `<value><int>${value}</int></value>` : `<value><double>${value}</double></value>`;
  if (typeof value === 'string') return `<value><string>${escapeXml(value)}</string></value>`;
  if (Array.isArray(value)) return `<value><array><data>${value.map(encodeValue).join('')}</data></array></value>`;
  const members = Object.entries(value).map(([name, member]) => `<member><name>${escapeXml(name)}</name>${encodeValue(member)}</member>`);
  return `<value><struct>${members.join('')}</struct></value>`;
}

export function encodeMethodCall(method: string, params: XmlRpcValue[]): string {
  return `<?xml version="1.0"?><methodCall><methodName>${escapeXml(method)}</methodName><params>${
    params.map((param) => `<param>${encodeValue(param)}</param>`).join('')}</params></methodCall>`;
}

/** The single value of a methodResponse; a fault is thrown as XmlRpcFault. */
export function decodeMethodResponse(xml: string): XmlRpcValue {
  const tokens = tokenize(xml);
  let index = 0;
  const next = () => tokens[index++];
  const expectOpen = (name: string) => {
    const token = next();
    if (token?.kind !== 'open' || token.name !== name) throw new Error(`malformed XML-RPC response: expected <${name}>`);
  };
  const skipClose = (name: string) => {
    const token = next();
    if (token?.kind !== 'close' || token.name !== name) throw new Error(`malformed XML-RPC response: expected </${name}>`);
  };
  const textUntilClose = (name: string): string => {
    let text = '';
    while (tokens[index]?.kind === 'text') text += (next() as { text: string }).text;
    skipClose(name);
    return text;
  };
  const readValue = (): XmlRpcValue => {
    expectOpen('value');
    const token = next();
    if (token?.kind === 'close' && token.name === 'value') return '';
    if (token?.kind === 'text') { skipClose('value'); return token.text; }
    if (token?.kind === 'empty') { skipClose('value'); return token.name === 'nil' ? null : token.name === 'string' ? '' : null; }
    if (token?.kind !== 'open') throw new Error('malformed XML-RPC value');
    let result: XmlRpcValue;
    switch (token.name) {
      case 'int': case 'i4': case 'i8': result = Number.parseInt(textUntilClose(token.name), 10); break;
      case 'double': result = Number.parseFloat(textUntilClose(token.name)); break;
      case 'boolean': result = textUntilClose(token.name).trim() === '1'; break;
      case 'string': case 'dateTime.iso8601': case 'base64': result = textUntilClose(token.name); break;
      case 'nil': skipClose('nil'); result = null; break;
      case 'array': {
        const items: XmlRpcValue[] = [];
        if (tokens[index]?.kind === 'empty') { next(); skipClose('array'); result = items; break; }
        expectOpen('data');
        while (tokens[index]?.kind === 'open' && (tokens[index] as { name: string }).name === 'value') items.push(readValue());
        if (tokens[index]?.kind === 'empty') next(); else skipClose('data');
        skipClose('array');
        result = items;
        break;
      }
      case 'struct': {
        const members: Record<string, XmlRpcValue> = {};
        while (tokens[index]?.kind === 'open' && (tokens[index] as { name: string }).name === 'member') {
          next();
          expectOpen('name');
          const name = textUntilClose('name');
          members[name] = readValue();
          skipClose('member');
        }
        skipClose('struct');
        result = members;
        break;
      }
      default: throw new Error(`unsupported XML-RPC type <${token.name}>`);
    }
    skipClose('value');
    return result;
  };

  expectOpen('methodResponse');
  const head = next();
  if (head?.kind === 'open' && head.name === 'fault') {
    const fault = readValue() as { faultCode?: XmlRpcValue; faultString?: XmlRpcValue };
    throw new XmlRpcFault(fault.faultCode as number, String(fault.faultString ?? ''));
  }
  if (head?.kind !== 'open' || head.name !== 'params') throw new Error('malformed XML-RPC response: no params');
  expectOpen('param');
  return readValue();
}

type Token = { kind: 'open' | 'close' | 'empty'; name: string } | { kind: 'text'; text: string };

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /<\?[^>]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z0-9_.:-]+)[^>]*?(\/?)>|([^<]+)/g;
  for (const match of xml.matchAll(pattern)) {
    if (match[2]) {
      tokens.push({ kind: match[1] ? 'close' : match[3] ? 'empty' : 'open', name: match[2] });
    } else if (match[4] !== undefined) {
      // Whitespace between elements means nothing; inside <string> it is kept by the join above.
      const previous = tokens[tokens.length - 1];
      const insideText = previous?.kind === 'open' && ['string', 'name', 'int', 'i4', 'i8', 'double', 'boolean', 'base64', 'dateTime.iso8601'].includes(previous.name);
      if (insideText || match[4].trim() !== '') tokens.push({ kind: 'text', text: unescapeXml(match[4]) });
    }
  }
  return tokens;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    switch (entity) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: return String.fromCodePoint(entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10));
    }
  });
}
