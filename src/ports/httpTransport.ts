export interface HttpTransportRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/** One HTTP exchange with a service the platform reaches one way or another (its address, a router
 * with a Host header, or curl inside its container): the caller needs only status and body. */
export type HttpTransport = (request: HttpTransportRequest) => Promise<{ status: number; body: string }>;
