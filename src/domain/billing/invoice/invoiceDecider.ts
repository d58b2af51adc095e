import type { Decider } from '../../shared/decider';
import { decideInvoice } from './decideInvoice';
import { evolveInvoice } from './evolveInvoice';
import type { InvoiceCommand } from './invoiceCommands';
import type { InvoiceEvent } from './invoiceEvents';
import { initialState, type InvoiceState } from './invoiceState';

export const invoiceDecider: Decider<InvoiceState, InvoiceCommand, InvoiceEvent> = { initialState, decide: decideInvoice, evolve: evolveInvoice };
