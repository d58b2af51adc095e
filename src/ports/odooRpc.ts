export type XmlRpcValue = string | number | boolean | null | XmlRpcValue[] | { [key: string]: XmlRpcValue };

/** What the platform asks of a running Odoo through its public XML-RPC surface. */
export interface OdooRpc {
  /** `common.version()`: e.g. { serverVersion: '17.0' }. */
  version(): Promise<{ serverVersion: string }>;
  /** uid, or null for wrong credentials. */
  authenticate(database: string, login: string, password: string): Promise<number | null>;
  executeKw(database: string, uid: number, password: string, model: string, method: string, args: XmlRpcValue[], kwargs?: Record<string, XmlRpcValue>): Promise<XmlRpcValue>;
}
