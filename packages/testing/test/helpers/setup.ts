import { afterEach } from 'vitest';
import { RawClient } from './RawClient.js';

const clients = new Set<RawClient>();

/** Closes every client opened through `track` after each test. */
export function trackClients(): (client: RawClient) => RawClient {
  afterEach(() => {
    for (const client of clients) client.close();
    clients.clear();
  });
  return (client) => {
    clients.add(client);
    return client;
  };
}
