import { InvalidOptionError } from '@tio/core';
import type { Logger } from '@tio/core';
import WebSocket from 'ws';
import { DefaultIrcWsTransportOptions, type IrcWsTransportOptions } from './IrcWsTransportOptions.js';

/**
 * {@link IrcWsTransportOptions} with every default filled in.
 *
 * @internal
 */
export type ResolvedIrcWsTransportOptions = {
  -readonly [K in keyof typeof DefaultIrcWsTransportOptions]: (typeof DefaultIrcWsTransportOptions)[K] extends string
    ? string
    : (typeof DefaultIrcWsTransportOptions)[K] extends boolean
      ? boolean
      : number;
} & { webSocketConstructor: typeof WebSocket };

const OWNER = 'IrcWsTransport';
const VALID_KEYS = [...Object.keys(DefaultIrcWsTransportOptions), 'webSocketConstructor'];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The longest delay `setTimeout` honours; every duration option must fit. */
const MAX_DURATION_MS = 2_147_483_647;

function positiveInteger(options: ResolvedIrcWsTransportOptions, key: keyof ResolvedIrcWsTransportOptions, min = 1): void {
  const value = options[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > MAX_DURATION_MS) {
    throw InvalidOptionError.badValue(OWNER, key, value, `an integer from ${min} to ${MAX_DURATION_MS}`);
  }
}

/**
 * Fills in the defaults and validates every option: unknown keys (typos) and bad values throw, and a plain `ws://` URL
 * is refused unless it points at a loopback host or `allowInsecureUrl` is set (protocol reference §1.1).
 *
 * @internal
 * @throws {@link @tio/core!InvalidOptionError} When an option is unknown or has a bad value.
 */
export function resolveOptions(options: IrcWsTransportOptions, logger: Logger): ResolvedIrcWsTransportOptions {
  const unknown = Object.keys(options).filter((key) => !VALID_KEYS.includes(key));
  if (unknown.length > 0) throw InvalidOptionError.unknownKeys(OWNER, unknown, VALID_KEYS);
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved = {
    ...DefaultIrcWsTransportOptions,
    webSocketConstructor: WebSocket,
    ...defined,
  } as ResolvedIrcWsTransportOptions;

  positiveInteger(resolved, 'connectTimeoutMs');
  positiveInteger(resolved, 'loginTimeoutMs');
  positiveInteger(resolved, 'keepaliveIntervalMs');
  positiveInteger(resolved, 'keepaliveTimeoutMs');
  positiveInteger(resolved, 'joinTimeoutMs');
  positiveInteger(resolved, 'joinAttempts');
  positiveInteger(resolved, 'sendConfirmationTimeoutMs');
  positiveInteger(resolved, 'sendQueueSize');
  positiveInteger(resolved, 'reconnectDelayMs', 0);
  positiveInteger(resolved, 'maxReconnectDelayMs', 0);
  positiveInteger(resolved, 'stableSessionMs', 0);
  positiveInteger(resolved, 'reconnectGraceMs', 0);
  positiveInteger(resolved, 'deduplicationWindowSize', 0);
  positiveInteger(resolved, 'closeTimeoutMs', 0);
  if (resolved.maxReconnectDelayMs < resolved.reconnectDelayMs) {
    throw InvalidOptionError.badValue(OWNER, 'maxReconnectDelayMs', resolved.maxReconnectDelayMs, `>= reconnectDelayMs (${resolved.reconnectDelayMs})`);
  }
  const jitter = resolved.reconnectJitter;
  if (typeof jitter !== 'number' || !(jitter >= 0 && jitter <= 1)) {
    throw InvalidOptionError.badValue(OWNER, 'reconnectJitter', jitter, 'a number from 0 to 1');
  }
  if (typeof resolved.webSocketConstructor !== 'function') {
    throw InvalidOptionError.badValue(OWNER, 'webSocketConstructor', resolved.webSocketConstructor, 'a WebSocket class like the ws package exports');
  }

  if (typeof resolved.allowInsecureUrl !== 'boolean') {
    throw InvalidOptionError.badValue(OWNER, 'allowInsecureUrl', resolved.allowInsecureUrl, 'true or false');
  }
  if (typeof resolved.url !== 'string') {
    throw InvalidOptionError.badValue(OWNER, 'url', resolved.url, `a wss:// URL such as ${DefaultIrcWsTransportOptions.url}`);
  }
  let url: URL;
  try {
    url = new URL(resolved.url);
  } catch {
    throw InvalidOptionError.badValue(OWNER, 'url', resolved.url, `a wss:// URL such as ${DefaultIrcWsTransportOptions.url}`);
  }
  if (url.protocol === 'ws:') {
    if (!LOOPBACK_HOSTS.has(url.hostname) && !url.hostname.startsWith('127.')) {
      if (!resolved.allowInsecureUrl) {
        throw InvalidOptionError.badValue(
          OWNER,
          'url',
          resolved.url,
          'a wss:// URL (Twitch refuses plain ws:// since 2025-08, and it would send the token in clear text); plain ' +
            'ws:// is only accepted for loopback hosts, or with allowInsecureUrl: true',
        );
      }
      logger.warn('irc-ws: using a plain ws:// URL to a non-loopback host; the token travels unencrypted', {
        host: url.host,
      });
    }
  } else if (url.protocol !== 'wss:') {
    throw InvalidOptionError.badValue(OWNER, 'url', resolved.url, 'a wss:// URL');
  }
  return resolved;
}
