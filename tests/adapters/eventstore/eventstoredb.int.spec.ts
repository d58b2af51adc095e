import { EventStoreDBClient } from '@eventstore/db-client';
import { createEventStoreDbEventStore } from '../../../src/adapters/eventstore/eventstoredb/createEventStoreDbEventStore';
import { eventStoreContract } from './eventStoreContract';

// No EventStoreDB server can be installed on the CI machines (docs/architecture.md, Event store): the run needs one
// reachable at EVENTSTORE_URL, e.g. `docker compose --profile eventstoredb up` and
// EVENTSTORE_URL=esdb://admin:changeit@localhost:2113?tls=false
const url = process.env.EVENTSTORE_URL;
const skipReason = url ? undefined : 'EVENTSTORE_URL is not set and no EventStoreDB server runs on this machine';
if (skipReason) console.log(`EventStoreDB contract run skipped: ${skipReason}`);

let client: EventStoreDBClient | undefined;
if (url) {
  beforeAll(() => {
    client = EventStoreDBClient.connectionString(url);
  });
  afterAll(async () => {
    await client?.dispose();
  });
}

// Streams are fresh per test (the server's store is shared), so one client serves the whole suite.
eventStoreContract('eventstoredb', async () => createEventStoreDbEventStore({ client: client! }), { skipReason });
