import type { BaseTwitchMessage } from './BaseTwitchMessage.js';

/** A user joined a channel (IRC `JOIN`); the bot's own JOIN confirms its join. */
export interface JoinMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'join';
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** The login of the user who joined. */
  readonly userLogin: string;
}

/** A user left a channel (IRC `PART`); a PART of the bot itself is also sent when it is banned. */
export interface PartMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'part';
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** The login of the user who left. */
  readonly userLogin: string;
}

/** The server is about to close the connection for maintenance (IRC `RECONNECT`): reconnect and rejoin. */
export interface ReconnectMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'reconnect';
}

/** A keepalive from the server (IRC `PING`); answer with a PONG echoing {@link PingMessage.argument}. */
export interface PingMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'ping';
  /** The text to echo (normally `tmi.twitch.tv`), or `undefined` for a bare PING. */
  readonly argument: string | undefined;
}

/** The server's answer to a PING the client sent (IRC `PONG`). */
export interface PongMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'pong';
  /** The echoed text: the last parameter, for example `asd` for `:tmi.twitch.tv PONG tmi.twitch.tv :asd`. */
  readonly argument: string | undefined;
}

/** The answer to a capability request (IRC `CAP * ACK` or `CAP * NAK`). */
export interface CapMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'cap';
  /** `ACK` (granted), `NAK` (refused) or another subcommand. */
  readonly subcommand: 'ACK' | 'NAK' | (string & {});
  /** The capabilities concerned, for example `twitch.tv/tags`. */
  readonly capabilities: readonly string[];
}

/** The numeric replies of the login sequence and the MOTD: `001`–`004`, `372`, `375`, `376`. */
export type ServerInfoNumeric = '001' | '002' | '003' | '004' | '372' | '375' | '376';

/**
 * A login-sequence numeric. `001` means the login succeeded; `376` ends the block.
 */
export interface ServerInfoMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'serverInfo';
  /** The numeric. */
  readonly numeric: ServerInfoNumeric;
  /** The login the server knows the connection as (the first parameter). */
  readonly nick: string;
  /** The human-readable text. */
  readonly text: string;
}

/** A NAMES list (numeric `353`): logins present in a channel. */
export interface NamesMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'names';
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** The logins listed. */
  readonly users: readonly string[];
}

/** The end of a NAMES list (numeric `366`). */
export interface EndOfNamesMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'endOfNames';
  /** The channel's login, without `#`. */
  readonly channel: string;
}

/** The server did not understand a command the client sent (numeric `421`). */
export interface UnknownCommandMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'unknownCommand';
  /** The command the server refused, for example `WHO`. */
  readonly command: string;
  /** The server's text, `Unknown command`. */
  readonly text: string;
}

/** Legacy host mode (IRC `HOSTTARGET`; hosting was removed in 2022). Parsed so old lines do not surprise anyone. */
export interface HostTargetMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'hosttarget';
  /** The hosting channel's login, without `#`. */
  readonly channel: string;
  /** The hosted channel's login, or `undefined` when hosting stopped (`-`). */
  readonly targetChannel: string | undefined;
  /** The viewer count sent with it. */
  readonly viewerCount: number | undefined;
}

/**
 * Anything the decoder does not turn into a typed message: a command it does not know (`reason: 'unsupported'`) or a
 * known command whose structure is broken, such as a PRIVMSG without a channel (`reason: 'malformed'`).
 */
export interface UnknownMessage extends BaseTwitchMessage {
  /** Discriminant. */
  readonly type: 'unknown';
  /** Why the message is not typed. */
  readonly reason: 'unsupported' | 'malformed';
  /** The command, for example `MODE` or a numeric. */
  readonly command: string;
  /** The parameters, the trailing one last. */
  readonly params: readonly string[];
}
