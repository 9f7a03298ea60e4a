/**
 * Structured fields attached to a log line. Never put a token here: tio's own code only logs
 * {@link SecretToken} values, which print as `oauth:[redacted]`.
 */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * Where tio writes its diagnostics. Compatible with `console`, pino and most loggers (`logger.child(...)` objects
 * included), so a bot can pass its own.
 */
export interface Logger {
  /** Protocol-level detail: every line sent and received, limiter waits. */
  debug(message: string, fields?: LogFields): void;
  /** Lifecycle: shards connecting, ready, reconnecting. */
  info(message: string, fields?: LogFields): void;
  /** Something went wrong and tio recovered (a reconnect, a failed join). */
  warn(message: string, fields?: LogFields): void;
  /** Something went wrong that the bot's owner must look at (authentication failed, a shard gave up). */
  error(message: string, fields?: LogFields): void;
}

/**
 * A {@link Logger} that drops everything; the default, so a library never writes to a user's console unasked.
 */
export const silentLogger: Logger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});
