import type { UnavailableState } from './router';

const messages: Record<UnavailableState | 'unavailable', { title: string; text: string }> = {
  unavailable: { title: 'This Odoo is not available', text: 'This Odoo instance is stopped or no longer exists. If it is yours, start it from the platform.' },
  stopped: { title: 'This Odoo is stopped', text: 'Its owner has stopped this Odoo instance. It will be back once they start it again.' },
  deleted: { title: 'This Odoo has been deleted', text: 'This Odoo instance has been deleted by its owner.' },
  // Billing (docs/decisions/052): the data is kept, and paying the invoice starts it again.
  suspended: { title: 'This Odoo is suspended — pay to resume', text: 'This Odoo instance is suspended because an invoice is unpaid. Its data is kept: once the invoice is paid, it starts again by itself.' },
};

/** What a stopped, suspended or deleted instance's address shows instead of an empty answer (503: not an error
 * of the visitor's, and nothing a cache should keep). Static text only: nothing of the request. */
export function unavailablePage(state: UnavailableState | 'unavailable'): { status: number; html: string } {
  const { title, text } = messages[state];
  return {
    status: 503,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
      + `<title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#333}`
      + `h1{color:#714b67;font-size:1.5rem}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
  };
}
