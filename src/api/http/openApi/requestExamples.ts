/** Request bodies shown in the document for the main operations (the README walkthrough's steps). */
export const requestExamples: Record<string, unknown> = {
  register: { email: 'ada@example.com', password: 'correct horse battery staple', displayName: 'Ada' },
  login: { email: 'ada@example.com', password: 'correct horse battery staple' },
  createTenant: { name: 'Acme' },
  provisionInstance: {
    tenantId: '0190f4c2-3333-7d1b-9c40-3f1e2a7b8c9d', name: 'Acme ERP', subdomain: 'acme', plan: 'starter',
    adminEmail: 'ada@example.com', odooVersion: '17.0',
  },
  instanceAction: { action: 'resize', plan: 'business' },
  backupInstance: { mode: 'online' },
};
