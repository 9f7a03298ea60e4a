#!/usr/bin/env node
import { CliUsage, parseCliArguments } from './cliArguments.js';
import { MockTwitchServer } from './MockTwitchServer.js';

/** Runs `tio-mock-server`: starts the mock, prints its URL, stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`tio-mock-server: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(CliUsage);
    return;
  }
  const channels = Object.fromEntries(parsed.channels.map((channel) => [channel, {}]));
  const server = new MockTwitchServer({ port: parsed.port, accounts: parsed.accounts, channels });
  await server.start();
  server.on('login', (event) => process.stdout.write(`login ${event.login} ${event.outcome} (${event.connectionId})\n`));
  server.on('violation', (violation) => process.stdout.write(`violation ${violation.kind} ${violation.account} ${JSON.stringify(violation.detail)}\n`));
  if (parsed.chatRate > 0 && parsed.channels.length > 0) {
    server.simulateChat({ channels: parsed.channels, messagesPerSecond: parsed.chatRate, seed: parsed.seed });
  }
  process.stdout.write(`${server.url}\n`);
  const shutdown = (): void => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    void server.stop().then(() => process.stdout.write('stopped\n'));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
