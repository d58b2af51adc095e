import { renderInvoicePdf } from '../../src/api/http/routes/renderInvoicePdf';
import type { InvoiceView } from '../../src/projections/billing/queryInvoices';

const invoice: InvoiceView = {
  invoiceId: '0190f4c2-0000-7000-8000-00000000e001', tenantId: '0190f4c2-0000-7000-8000-00000000e002', instanceId: '0190f4c2-0000-7000-8000-00000000e003',
  kind: 'invoice', number: 7, status: 'issued', currency: 'ZWG',
  lines: [{ description: 'Plan change starter → business (part) \\ x', quantity: 1, unitAmountMinor: 123_456, amountMinor: 123_456 }],
  subtotalMinor: 123_456, tax: { name: 'VAT', rateBasisPoints: 1500, amountMinor: 18_518 }, totalMinor: 141_974,
  dueOn: '2031-01-22', issuedOn: '2031-01-15', paidAt: null, paymentReference: null,
};

test('the PDF is well formed: every object and the cross-reference table where the file says', () => {
  const pdf = renderInvoicePdf(invoice).toString('latin1');
  const [, ...entries] = /xref\n0 (\d+)\n([\s\S]*?)trailer/.exec(pdf)!;
  const offsets = entries[1]!.trim().split('\n').slice(1).map((line) => Number(line.slice(0, 10)));
  expect(offsets).toHaveLength(Number(entries[0]) - 1);
  offsets.forEach((offset, index) => expect(pdf.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true));
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
  expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
  const length = Number(/\/Length (\d+) >>\nstream\n/.exec(pdf)![1]);
  const streamStart = pdf.indexOf('stream\n') + 'stream\n'.length;
  expect(pdf.slice(streamStart + length, streamStart + length + '\nendstream'.length)).toBe('\nendstream');
});

test('amounts without floats, text escaped, characters Helvetica lacks replaced', () => {
  const pdf = renderInvoicePdf(invoice).toString('latin1');
  expect(pdf).toContain('(Invoice 7) Tj');
  expect(pdf).toContain('Plan change starter ? business \\(part\\) \\\\ x   1 x ZWG 1234.56 = ZWG 1234.56');
  expect(pdf).toContain('(VAT \\(15 %\\) ZWG 185.18) Tj');
  expect(pdf).toContain('(Total ZWG 1419.74) Tj');
});
