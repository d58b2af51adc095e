import type { InvoiceView } from '../../../projections/billing/queryInvoices';

// Minor units to a decimal string without floats (both currencies have two decimals).
const amount = (minor: number, currency: string) => `${currency} ${minor < 0 ? '-' : ''}${Math.trunc(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
/** Helvetica's standard encoding covers printable ASCII: anything else becomes `?`; PDF string
 * delimiters are escaped. */
const pdfText = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);

/**
 * An invoice as a one-page PDF (issue 15 item 2): a hand-written PDF 1.4 with the base-14 Helvetica
 * font (no library, no embedded font), text lines only, the cross-reference table at exact byte
 * offsets. Long invoices (more lines than fit on a page) are cut with a note; the HTML has them all.
 */
export function renderInvoicePdf(invoice: InvoiceView): Buffer {
  const title = `${invoice.kind === 'creditNote' ? 'Credit note' : 'Invoice'} ${invoice.number ?? ''}`.trim();
  const text: Array<[size: number, line: string]> = [
    [18, title],
    [10, `Issued ${invoice.issuedOn ?? '-'}, due ${invoice.dueOn}, ${invoice.status}${invoice.paidAt ? ` on ${invoice.paidAt.slice(0, 10)} (Paynow reference ${invoice.paymentReference ?? ''})` : ''}`],
    [10, ''],
  ];
  const maxLines = 40;
  for (const line of invoice.lines.slice(0, maxLines)) {
    text.push([10, `${line.description}   ${line.quantity} x ${amount(line.unitAmountMinor, invoice.currency)} = ${amount(line.amountMinor, invoice.currency)}`]);
  }
  if (invoice.lines.length > maxLines) text.push([10, `... ${invoice.lines.length - maxLines} more lines: see the HTML invoice`]);
  text.push([10, ''], [10, `Subtotal ${amount(invoice.subtotalMinor, invoice.currency)}`],
    [10, `${invoice.tax.name} (${invoice.tax.rateBasisPoints / 100} %) ${amount(invoice.tax.amountMinor, invoice.currency)}`],
    [12, `Total ${amount(invoice.totalMinor, invoice.currency)}`]);

  let y = 800;
  const content = ['BT'];
  for (const [size, line] of text) {
    content.push(`/F1 ${size} Tf 1 0 0 1 50 ${y} Tm (${pdfText(line)}) Tj`);
    y -= size + 8;
  }
  content.push('ET');
  const stream = content.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
