import { createInMemoryEventStore } from '../../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import { eventStoreContract } from './eventStoreContract';

eventStoreContract('inMemory', async () => createInMemoryEventStore());
