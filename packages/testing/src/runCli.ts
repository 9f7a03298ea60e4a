import { CliUsage, parseCliArguments } from './cliArguments.js';
import { MockTwitchServer } from './MockTwitchServer.js';

/**
 * Where {@link runCli} writes; `process.stdout`/`process.stderr` in the real CLI.
 *
 * @internal
 */
export interface CliOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * Runs `tio-mock-server` with `argv`: starts the mock, prints its URL, and stops it cleanly on SIGINT/SIGTERM.
 *
 * @internal
 * @param argv - The arguments after the script name.
 * @param output - Where to print.
 * @returns The exit code to set: `0` once the server runs (or after `--help`), `2` for bad arguments or a port that is
 *   already in use. Other start failures reject.
 */
export async function runCli(argv: readonly string[], output: CliOutput = process): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArguments([...argv]);
  } catch (error) {
    output.stderr.write(`tio-mock-server: ${(error as Error).message}\n`);
    return 2;
  }
  if (parsed.help) {
    output.stdout.write(CliUsage);
    return 0;
  }
  const channels = Object.fromEntries(parsed.channels.map((channel) => [channel, {}]));
  const server = new MockTwitchServer({ port: parsed.port, accounts: parsed.accounts, channels });
  try {
    await server.start();
  } catch (error) {
    // A fixed --port that another process holds: say so plainly instead of crashing with an unhandled rejection.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      output.stderr.write(
        `tio-mock-server: port ${parsed.port} on 127.0.0.1 is already in use; stop whatever listens there, or pick ` +
          'another port with --port (--port 0 picks a free one).\n',
      );
      return 2;
    }
    throw error;
  }
  server.on('login', (event) => output.stdout.write(`login ${event.login} ${event.outcome} (${event.connectionId})\n`));
  server.on('violation', (violation) =>
    output.stdout.write(`violation ${violation.kind} ${violation.account} ${JSON.stringify(violation.detail)}\n`),
  );
  if (parsed.chatRate > 0 && parsed.channels.length > 0) {
    server.simulateChat({ channels: parsed.channels, messagesPerSecond: parsed.chatRate, seed: parsed.seed });
  }
  output.stdout.write(`${server.url}\n`);
  const shutdown = (): void => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    void server.stop().then(() => output.stdout.write('stopped\n'));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return 0;
}
