import type { MockAccountOptions } from './MockTwitchServerOptions.js';

/**
 * The parsed command line of `tio-mock-server`.
 */
export interface CliArguments {
  /** `--port N` (default 0). */
  readonly port: number;
  /** `--account login:token[:mod]`, repeatable; `:mod` makes the account moderator in every `--channel`. */
  readonly accounts: readonly MockAccountOptions[];
  /** `--channel a,b`, repeatable. */
  readonly channels: readonly string[];
  /** `--chat-rate N`: simulated messages per second over the channels (default 0, none). */
  readonly chatRate: number;
  /** `--seed N` for the chat simulation (default 1). */
  readonly seed: number;
  /** `--help`. */
  readonly help: boolean;
}

/** The `--help` text of `tio-mock-server`. */
export const CliUsage = `Usage: tio-mock-server [options]

Runs a mock Twitch chat server (WebSocket, 127.0.0.1 only) and prints its URL.

Options:
  --port <n>                    port to listen on (default 0: any free port)
  --account <login:token[:mod]> accept this account; ":mod" makes it moderator in every --channel (repeatable)
  --channel <a,b,...>           channels to create (repeatable)
  --chat-rate <n>               simulated chat messages per second over the channels (default 0)
  --seed <n>                    seed of the chat simulation (default 1)
  --help                        show this text
`;

/**
 * Parses `tio-mock-server`'s arguments.
 *
 * @param argv - the arguments after the script name
 * @returns the parsed arguments
 * @throws Error with a message naming the bad argument
 */
export function parseCliArguments(argv: readonly string[]): CliArguments {
  let port = 0;
  let chatRate = 0;
  let seed = 1;
  let help = false;
  const channels: string[] = [];
  const rawAccounts: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    const [flag, inline] = argument.includes('=') ? (argument.split(/=(.*)/s, 2) as [string, string]) : [argument, undefined];
    const value = (): string => {
      const next = inline ?? argv[++index];
      if (next === undefined) throw new Error(`${flag} needs a value; see --help`);
      return next;
    };
    const number = (): number => {
      const text = value();
      const parsed = Number(text);
      if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} must be a non-negative number, got "${text}"`);
      return parsed;
    };
    switch (flag) {
      case '--port':
        port = number();
        break;
      case '--chat-rate':
        chatRate = number();
        break;
      case '--seed':
        seed = number();
        break;
      case '--channel':
        channels.push(...value().split(',').map((channel) => channel.replace(/^#/, '')).filter((channel) => channel.length > 0));
        break;
      case '--account':
        rawAccounts.push(value());
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown argument "${argument}"; see --help`);
    }
  }
  const accounts = rawAccounts.map((raw): MockAccountOptions => {
    const [login, token, role] = raw.split(':');
    if (login === undefined || login === '' || token === undefined || token === '' || (role !== undefined && role !== 'mod')) {
      throw new Error(`--account must be login:token or login:token:mod, got "${raw}"`);
    }
    return role === 'mod' ? { login, token, moderatorIn: channels } : { login, token };
  });
  return { port, accounts, channels, chatRate, seed, help };
}
