/**
 * How a shard rides out connection trouble, on the mock server: a server-requested RECONNECT (make-before-break), a
 * dropped socket (backoff), and a silent one (keepalive). The timings are shortened so the demo runs in seconds.
 */
import { Client, SimpleTokenHandler } from '@tio/core';
import { IrcWsTransport } from '@tio/irc-ws';
import { MockTwitchServer } from '@tio/testing';

const server = new MockTwitchServer({ accounts: [{ login: 'tio_demo_bot', token: 'demo-token' }] });
await server.start();

// #region options
const client = new Client({
  tokenHandler: new SimpleTokenHandler({ login: 'tio_demo_bot', token: 'demo-token' }),
  transport: IrcWsTransport,
  transportOptions: {
    url: server.url,
    reconnectDelayMs: 250, // first retry after an unplanned disconnect (default 1 s), doubling per failed attempt …
    maxReconnectDelayMs: 2_000, // … up to this (default 60 s)
    reconnectJitter: 0.2, // ± 20 % so shards dropped together do not log in together
    keepaliveIntervalMs: 1_000, // after 1 s of silence, send our own PING (default 30 s) …
    keepaliveTimeoutMs: 500, // … and give up on the socket if nothing arrives within 0.5 s (default 10 s)
  },
  initialChannels: ['tio_demo'],
});
// #endregion options

// #region events
client.on('shardDisconnect', (shardId, reason) => console.log(`${shardId} disconnected: ${reason.kind}`));
client.on('shardReconnect', (shardId, attempt, delayMs) => console.log(`${shardId} reconnect attempt ${attempt} after ${delayMs} ms`));
client.on('shardReady', (shardId) => console.log(`${shardId} ready`));
client.on('join', (channel, shardId) => console.log(`${shardId} joined #${channel}`));
// #endregion events

await client.start();
const rejoined = (): Promise<unknown> =>
  server.waitFor('join', (event) => event.channel === 'tio_demo' && event.outcome === 'joined', { timeoutMs: 10_000 });

// #region reconnect
// Twitch's RECONNECT: the shard opens and logs in a second socket, re-joins there, then closes the old one.
// Nothing is missed in between, and messages both sockets deliver are passed on once.
const [oldSocket] = server.connections('tio_demo_bot');
const replaced = server.waitFor('disconnect', (event) => event.connectionId === oldSocket?.id);
server.reconnect('tio_demo_bot');
console.log(`old socket closed by the ${(await replaced).reason}`); // "client": the bot closed it after switching
// #endregion reconnect

// #region drop
// A socket cut without a close frame: shardDisconnect (closed, code 1006), then reconnect attempts after growing
// backoff delays. A message sent while the shard is away waits in its queue and goes out once it is ready again.
server.refuseConnections(2); // the next two attempts get HTTP 503, so the delay doubles twice
let joined = rejoined();
const noticed = client.waitFor('shardDisconnect');
server.drop('tio_demo_bot');
await noticed;
const sent = await client.send('tio_demo', 'still here');
console.log(`sent after the outage through ${sent.shardId}, message id ${sent.messageId ?? 'unknown'}`);
await joined;
// #endregion drop

// #region stall
// A socket that stays open but carries nothing: our PING gets no answer, so the shard gives up on it
// (keepaliveTimeout) and reconnects.
joined = rejoined();
server.stall('tio_demo_bot');
await joined;
// #endregion stall

await client.stop();
await server.stop();
