// XML-RPC as Python's xmlrpc.client speaks it (Odoo marshals with allow_none=True).

export type RpcValue =
  | null
  | boolean
  | number
  | string
  | Buffer
  | Date
  | RpcDouble
  | RpcValue[]
  | { [key: string]: RpcValue };

/** A float that happens to be integral (2.0) still goes out as <double>. */
export class RpcDouble {
  constructor(readonly value: number) {}
}

export class XmlRpcParseError extends Error {}

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    const known = ENTITIES[entity];
    if (known === undefined) throw new XmlRpcParseError(`undefined entity &${entity};`);
    return known;
  });
}

/** A small, strict XML reader: elements, text, entities, CDATA; no DTDs (no entity expansion attacks). */
function parseXml(source: string): XmlNode {
  let pos = 0;
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const top = stack[stack.length - 1]!;
    if (lt === -1) {
      top.text += decodeEntities(source.slice(pos));
      break;
    }
    if (lt > pos) top.text += decodeEntities(source.slice(pos, lt));
    if (source.startsWith('<?', lt)) {
      const end = source.indexOf('?>', lt);
      if (end === -1) throw new XmlRpcParseError('unterminated processing instruction');
      pos = end + 2;
    } else if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt);
      if (end === -1) throw new XmlRpcParseError('unterminated comment');
      pos = end + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt);
      if (end === -1) throw new XmlRpcParseError('unterminated CDATA');
      top.text += source.slice(lt + 9, end);
      pos = end + 3;
    } else if (source.startsWith('<!', lt)) {
      throw new XmlRpcParseError('DTDs are not accepted');
    } else if (source.startsWith('</', lt)) {
      const end = source.indexOf('>', lt);
      if (end === -1) throw new XmlRpcParseError('unterminated end tag');
      const name = source.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name || stack.length === 0) throw new XmlRpcParseError(`mismatched tag </${name}>`);
      pos = end + 1;
    } else {
      const end = source.indexOf('>', lt);
      if (end === -1) throw new XmlRpcParseError('unterminated tag');
      let inner = source.slice(lt + 1, end);
      const selfClosing = inner.endsWith('/');
      if (selfClosing) inner = inner.slice(0, -1);
      const name = inner.trim().split(/\s+/)[0] ?? '';
      if (!/^[A-Za-z_][\w.:-]*$/.test(name)) throw new XmlRpcParseError(`bad tag <${inner}>`);
      const node: XmlNode = { name, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
      pos = end + 1;
    }
  }
  if (stack.length !== 1) throw new XmlRpcParseError(`unclosed <${stack[stack.length - 1]!.name}>`);
  const elements = root.children;
  if (elements.length !== 1) throw new XmlRpcParseError('expected one document element');
  return elements[0]!;
}

function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

function parseValue(node: XmlNode): RpcValue {
  if (node.name !== 'value') throw new XmlRpcParseError(`expected <value>, got <${node.name}>`);
  const typed = node.children[0];
  if (!typed) return node.text; // <value>text</value> is a string
  const text = typed.text;
  switch (typed.name) {
    case 'int':
    case 'i4':
    case 'i8':
    case 'i1':
    case 'i2': {
      if (!/^\s*[-+]?\d+\s*$/.test(text)) throw new XmlRpcParseError(`bad integer ${JSON.stringify(text)}`);
      return parseInt(text, 10);
    }
    case 'boolean': {
      const t = text.trim();
      if (t !== '0' && t !== '1') throw new XmlRpcParseError(`bad boolean ${JSON.stringify(text)}`);
      return t === '1';
    }
    case 'string':
      return text;
    case 'double': {
      const n = Number(text.trim());
      if (Number.isNaN(n)) throw new XmlRpcParseError(`bad double ${JSON.stringify(text)}`);
      return n;
    }
    case 'nil':
      return null;
    case 'base64':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64');
    case 'dateTime.iso8601': {
      const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
      if (!m) throw new XmlRpcParseError(`bad dateTime ${JSON.stringify(text)}`);
      return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
    }
    case 'array': {
      const data = child(typed, 'data');
      if (!data) throw new XmlRpcParseError('<array> without <data>');
      return data.children.map(parseValue);
    }
    case 'struct': {
      const out: Record<string, RpcValue> = {};
      for (const member of typed.children) {
        if (member.name !== 'member') throw new XmlRpcParseError(`unexpected <${member.name}> in <struct>`);
        const name = child(member, 'name');
        const value = child(member, 'value');
        if (!name || !value) throw new XmlRpcParseError('<member> needs <name> and <value>');
        out[name.text] = parseValue(value);
      }
      return out;
    }
    default:
      throw new XmlRpcParseError(`unknown type <${typed.name}>`);
  }
}

export function parseMethodCall(xml: string): { method: string; params: RpcValue[] } {
  const doc = parseXml(xml);
  if (doc.name !== 'methodCall') throw new XmlRpcParseError('expected <methodCall>');
  const name = child(doc, 'methodName');
  if (!name) throw new XmlRpcParseError('<methodCall> without <methodName>');
  const params = child(doc, 'params');
  const values = (params?.children ?? []).map((param) => {
    const value = child(param, 'value');
    if (param.name !== 'param' || !value) throw new XmlRpcParseError('bad <param>');
    return parseValue(value);
  });
  return { method: name.text.trim(), params: values };
}

/** For tests and clients: the response side. */
export function parseMethodResponse(xml: string): { fault?: { faultCode: RpcValue; faultString: string }; value?: RpcValue } {
  const doc = parseXml(xml);
  if (doc.name !== 'methodResponse') throw new XmlRpcParseError('expected <methodResponse>');
  const fault = child(doc, 'fault');
  if (fault) {
    const value = parseValue(child(fault, 'value') ?? fault) as Record<string, RpcValue>;
    return { fault: { faultCode: value.faultCode ?? null, faultString: String(value.faultString ?? '') } };
  }
  const param = child(child(doc, 'params') ?? doc, 'param');
  const value = param && child(param, 'value');
  if (!value) throw new XmlRpcParseError('response without value');
  return { value: parseValue(value) };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function serializeValue(value: RpcValue): string {
  if (value === null || value === undefined) return '<value><nil/></value>';
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) <= 2147483647) return `<value><int>${value}</int></value>`;
    if (Number.isInteger(value)) throw new Error(`int exceeds XML-RPC limits: ${value}`); // like Python's OverflowError
    return `<value><double>${String(value)}</double></value>`;
  }
  if (value instanceof RpcDouble) {
    const text = Number.isInteger(value.value) ? `${value.value}.0` : String(value.value);
    return `<value><double>${text}</double></value>`;
  }
  if (typeof value === 'string') return `<value><string>${escapeXml(value)}</string></value>`;
  if (Buffer.isBuffer(value)) return `<value><base64>\n${value.toString('base64')}\n</base64></value>`;
  if (value instanceof Date) {
    const d = value;
    const text = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    return `<value><dateTime.iso8601>${text}</dateTime.iso8601></value>`;
  }
  if (Array.isArray(value)) return `<value><array><data>\n${value.map(serializeValue).join('\n')}\n</data></array></value>`;
  const members = Object.entries(value).map(
    ([key, member]) => `<member>\n<name>${escapeXml(key)}</name>\n${serializeValue(member)}\n</member>`,
  );
  return `<value><struct>\n${members.join('\n')}\n</struct></value>`;
}

export function serializeResponse(value: RpcValue): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${serializeValue(value)}\n</param>\n</params>\n</methodResponse>\n`;
}

export function serializeFault(faultCode: number | string, faultString: string): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n${serializeValue({ faultCode, faultString })}\n</fault>\n</methodResponse>\n`;
}

export function serializeMethodCall(method: string, params: RpcValue[]): string {
  const body = params.map((p) => `<param>\n${serializeValue(p)}\n</param>`).join('\n');
  return `<?xml version='1.0'?>\n<methodCall>\n<methodName>${escapeXml(method)}</methodName>\n<params>\n${body}\n</params>\n</methodCall>\n`;
}
