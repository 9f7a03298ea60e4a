import {
  Client,
  InvalidOptionError,
  systemClock,
  TypedEventEmitter,
  type BaseShardManager,
  type ChatMessageEvent,
  type ClientEventName,
  type ClientOptions,
  type Clock,
  type DefaultShardManagerClass,
  type EventListener,
  type ReplyOptions,
  type SendOptions,
  type ShardManagerClass,
  type Transport,
  type WaitForOptions,
} from '@tio/core';
import type { ArgumentSchema } from './arguments/Argument.js';
import { parseArguments, formatUsage } from './arguments/parseArguments.js';
import { findSeparator, skipSeparators } from './arguments/tokenize.js';
import type { BotEventName, BotEvents, CommandDenial, CommandErrorPhase, CommandEvents } from './BotEvents.js';
import {
  BOT_OPTION_KEYS,
  DefaultBotOptions,
  DUPLICATE_WINDOW_MS,
  type BotCommandOptions,
  type BotOptions,
  type Prefix,
  type PrefixResult,
  type SharedChatPolicy,
} from './BotOptions.js';
import { isBroadcaster } from './checks/checks.js';
import { createCommand, type Command, type CommandDefinition } from './commands/Command.js';
import type { CommandContext, CommandInvocation, CommandUser } from './commands/CommandContext.js';
import { CommandRegistry } from './commands/CommandRegistry.js';
import { CooldownTracker, type Cooldown } from './cooldowns/CooldownTracker.js';
import type { DuplicateCommandError } from './errors/DuplicateCommandError.js';
import type { InvalidCommandError } from './errors/InvalidCommandError.js';

/**
 * Any `Bot`, whatever its transport and manager: the type of `ctx.bot` when nothing more precise is known.
 */
export type AnyBot = Bot<Transport<never>, ShardManagerClass<BaseShardManager<object>>>;

type AnyListener = (...args: never[]) => unknown;
/** A command-event listener that threw or rejected, with the event it was listening to. */
type ListenerOutcome = { readonly error: unknown; readonly event: keyof CommandEvents } | undefined;

const COMMAND_EVENTS: ReadonlySet<string> = new Set<keyof CommandEvents>(['commandRun', 'commandDenied', 'commandError']);

interface ResolvedBotOptions {
  readonly prefix: string | readonly string[] | ((message: ChatMessageEvent) => PrefixResult | Promise<PrefixResult>);
  readonly caseInsensitive: boolean;
  readonly usageReplies: boolean;
  readonly sharedChat: SharedChatPolicy;
  readonly clock: Clock;
}

/**
 * A {@link Client} that runs prefix commands: the `commands.Bot` of twitchio's guide. It takes every `Client` option
 * the same way (the shard manager **class**, its options typed from it, the transport, …) plus
 * {@link BotCommandOptions}, and is itself a `Client` (`on`, `join`, `send`, `start`, `stop`).
 *
 * Each chat message that starts with the prefix and names a registered command goes through: its checks (in order),
 * its cooldowns, its arguments, then `run`. It ends in exactly one of `commandRun`, `commandDenied` or `commandError`;
 * nothing a command does can stop the bot. The bot's own messages are ignored, and messages without the prefix
 * cost one `startsWith` and no allocation.
 *
 * @typeParam T - The transport class.
 * @typeParam M - The shard manager class.
 *
 * @example
 * ```ts
 * import { SimpleTokenHandler } from '@tio/core';
 * import { IrcWsTransport } from '@tio/irc-ws';
 * import { Bot, arg, moderatorOnly } from '@tio/commands';
 *
 * const bot = new Bot({
 *   tokenHandler: new SimpleTokenHandler({ login: 'mybot', token: process.env.TWITCH_TOKEN! }),
 *   transport: IrcWsTransport,
 *   initialChannels: ['mychannel'],
 *   prefix: '!',
 * });
 * bot.command({ name: 'ping', run: (ctx) => ctx.reply('pong') });
 * bot.command({
 *   name: 'give',
 *   args: { user: arg.user(), amount: arg.integer({ min: 1 }) },
 *   checks: [moderatorOnly],
 *   run: (ctx) => ctx.reply(`${ctx.args.user} got ${ctx.args.amount} points`),
 * });
 * bot.on('commandError', (error, ctx) => console.error(`!${ctx.commandName} failed`, error));
 * await bot.start();
 * ```
 */
export class Bot<
  T extends Transport<never> = Transport<never>,
  M extends ShardManagerClass<BaseShardManager<object>> = DefaultShardManagerClass,
> extends Client<T, M> {
  readonly #registry = new CommandRegistry();
  readonly #listeners = new Map<string, AnyListener[]>();
  readonly #options: ResolvedBotOptions;
  readonly #waiters: TypedEventEmitter<CommandEvents>;
  readonly #cooldowns: CooldownTracker;
  /**
   * The last usage reply per channel, oldest first, and only while it can still suppress a duplicate: entries older
   * than Twitch's 30 s duplicate window are pruned on every write, so a bot in thousands of channels does not keep one
   * entry per channel forever.
   */
  readonly #lastUsageReply = new Map<string, { readonly text: string; readonly at: number }>();

  /**
   * Creates a bot and validates every option; nothing connects before {@link Client.start}.
   *
   * @param options - Every {@link ClientOptions} option, plus {@link BotCommandOptions}.
   * @throws {@link @tio/core!InvalidOptionError} for a bad `prefix`, `caseInsensitive`, `usageReplies` or `sharedChat`, and
   *   everything `new Client(...)` throws.
   */
  constructor(options: BotOptions<T, M>) {
    const { clientOptions, botOptions } = splitOptions(options);
    super(clientOptions as ClientOptions<T, M>);
    this.#options = botOptions;
    this.#waiters = new TypedEventEmitter<CommandEvents>({ clock: botOptions.clock });
    this.#cooldowns = new CooldownTracker({ clock: botOptions.clock });
    super.on('message', this.#onMessage);
  }

  /** The registered commands by canonical name (aliases are on each command), read-only. */
  get commands(): ReadonlyMap<string, Command> {
    return this.#registry.view;
  }

  /**
   * Registers a command. The type of `ctx.args` in `run` follows from `args`.
   *
   * @param definition - The name, aliases, arguments, cooldowns, checks and `run`.
   * @returns The registered command.
   * @throws {@link InvalidCommandError} for a bad name, alias, argument order or cooldown; {@link DuplicateCommandError}
   *   when the name or an alias is taken.
   * @example
   * ```ts
   * bot.command({
   *   name: 'dice',
   *   aliases: ['roll'],
   *   args: { sides: arg.integer({ min: 2, max: 100, default: 6 }) },
   *   cooldown: { scope: 'channel', durationMs: 5_000 },
   *   run: (ctx) => ctx.reply(`🎲 ${1 + Math.floor(Math.random() * ctx.args.sides)}`),
   * });
   * ```
   */
  command<S extends ArgumentSchema = Record<never, never>>(definition: CommandDefinition<S, this>): Command<S> {
    const command = createCommand(definition as unknown as CommandDefinition<ArgumentSchema, AnyBot>, this.#options.caseInsensitive);
    this.#registry.add(command);
    return command as unknown as Command<S>;
  }

  /**
   * Removes a command, by name or by one of its aliases. Cooldowns already running for it are kept until they end.
   *
   * @param name - The command's name or alias.
   * @returns `true` when a command was removed.
   * @example
   * ```ts
   * bot.removeCommand('dice');
   * ```
   */
  removeCommand(name: string): boolean {
    if (typeof name !== 'string' || name.length === 0) return false;
    return this.#registry.remove(this.#options.caseInsensitive ? name.toLowerCase() : name);
  }

  /**
   * Resets cooldowns: all of them, or those of one command.
   *
   * @param name - A command name or alias; omit it to reset every cooldown.
   * @example
   * ```ts
   * bot.resetCooldowns('dice');
   * ```
   */
  resetCooldowns(name?: string): void {
    if (name === undefined) {
      this.#cooldowns.reset();
      return;
    }
    const command = this.#registry.resolve(this.#options.caseInsensitive ? name.toLowerCase() : name);
    if (command === undefined) return;
    // Every key of a command starts with its name and a NUL (see cooldownKey).
    this.#cooldowns.resetPrefix(`${command.name}\u0000`);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Events: the client's, plus the command events.

  /**
   * Adds an event listener, for a client event or a command event. A listener that throws or rejects produces an
   * `error` event.
   *
   * @param event - The event name.
   * @param listener - Called with the event's arguments.
   * @returns This bot.
   */
  override on<K extends BotEventName>(event: K, listener: EventListener<BotEvents, K>): this {
    if (!COMMAND_EVENTS.has(event)) return super.on(event as ClientEventName, listener as EventListener<BotEvents, ClientEventName>);
    const current = this.#listeners.get(event) ?? [];
    // Copy on write: an emit in progress keeps the array it started with.
    this.#listeners.set(event, [...current, listener as AnyListener]);
    return this;
  }

  /**
   * Adds a listener called at most once.
   *
   * @param event - The event name.
   * @param listener - Called with the event's arguments.
   * @returns This bot.
   */
  override once<K extends BotEventName>(event: K, listener: EventListener<BotEvents, K>): this {
    if (!COMMAND_EVENTS.has(event)) return super.once(event as ClientEventName, listener as EventListener<BotEvents, ClientEventName>);
    const wrapper = ((...args: BotEvents[K]) => {
      this.off(event, wrapper);
      return listener(...args);
    }) as EventListener<BotEvents, K> & { listener?: unknown };
    wrapper.listener = listener;
    return this.on(event, wrapper);
  }

  /**
   * Removes an event listener.
   *
   * @param event - The event name.
   * @param listener - The listener.
   * @returns This bot.
   */
  override off<K extends BotEventName>(event: K, listener: EventListener<BotEvents, K>): this {
    if (!COMMAND_EVENTS.has(event)) return super.off(event as ClientEventName, listener as EventListener<BotEvents, ClientEventName>);
    const current = this.#listeners.get(event);
    if (current === undefined) return this;
    const index = current.findIndex((candidate) => candidate === listener || (candidate as { listener?: unknown }).listener === listener);
    if (index === -1) return this;
    const next = [...current.slice(0, index), ...current.slice(index + 1)];
    if (next.length === 0) this.#listeners.delete(event);
    else this.#listeners.set(event, next);
    return this;
  }

  /**
   * Waits for the next `event` (a client event or a command event) that passes `filter`.
   *
   * @param event - The event name.
   * @param options - A filter, an abort signal and a time limit.
   * @returns The event's arguments.
   * @throws `TimeoutError` after `timeoutMs`; the signal's reason on abort; `StoppedError` when the bot stops.
   * @example
   * ```ts
   * const [denial] = await bot.waitFor('commandDenied', { timeoutMs: 5_000 });
   * ```
   */
  override waitFor<K extends BotEventName>(event: K, options: WaitForOptions<BotEvents[K]> = {}): Promise<BotEvents[K]> {
    if (!COMMAND_EVENTS.has(event)) {
      return super.waitFor(event as ClientEventName, options as WaitForOptions<BotEvents[ClientEventName]>) as Promise<BotEvents[K]>;
    }
    const name = event as keyof CommandEvents;
    return this.#waiters.waitFor(name, options as WaitForOptions<CommandEvents[typeof name]>) as Promise<BotEvents[K]>;
  }

  /**
   * Stops the bot like {@link Client.stop}, and rejects pending `waitFor` calls on command events.
   *
   * @returns Resolves once everything stopped.
   */
  override stop(): Promise<void> {
    this.#waiters.cancelWaits();
    return super.stop();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The message path.

  /** The hot path: every chat message. Allocates nothing unless the message starts with the prefix. */
  readonly #onMessage = (message: ChatMessageEvent): Promise<void> | undefined => {
    if (message.self) return undefined;
    const prefix = this.#options.prefix;
    if (typeof prefix !== 'function') return this.#dispatch(message, prefix);
    const result = prefix(message);
    if (typeof result === 'object' && result !== null && typeof (result as PromiseLike<PrefixResult>).then === 'function') {
      return this.#dispatchLater(message, result as PromiseLike<PrefixResult>);
    }
    // A synchronous prefix function keeps the hot path free of promises and copies.
    if (typeof result === 'string' || Array.isArray(result)) return this.#dispatch(message, result as string | readonly string[]);
    return undefined;
  };

  #dispatch(message: ChatMessageEvent, prefix: string | readonly string[]): Promise<void> | undefined {
    const text = message.text;
    let used = matchPrefix(prefix, text, 0);
    let start = 0;
    // A threaded reply's text starts with "@ParentDisplayName " (twitch-protocol.md §3.2): "!again" typed as a reply
    // to the bot arrives as "@mybot !again". Look past that mention.
    if (used === undefined) {
      if (text.charCodeAt(0) !== 64 || message.reply === undefined) return undefined;
      start = skipSeparators(text, findSeparator(text, 0));
      used = matchPrefix(prefix, text, start);
      if (used === undefined) return undefined;
    }
    const nameStart = start + used.length;
    const nameEnd = findSeparator(text, nameStart);
    if (nameEnd === nameStart) return undefined;
    const typed = text.slice(nameStart, nameEnd);
    const command = this.#registry.resolve(this.#options.caseInsensitive ? typed.toLowerCase() : typed);
    if (command === undefined) return undefined;
    if (this.#options.sharedChat === 'source') {
      const shared = message.sharedChat;
      if (shared !== undefined && shared.roomId !== '' && message.channelId !== '' && shared.roomId !== message.channelId) return undefined;
    }
    return this.#execute(message, command, typed, used, nameEnd);
  }

  async #dispatchLater(message: ChatMessageEvent, pending: PromiseLike<PrefixResult>): Promise<void> {
    const prefix = await pending;
    if (typeof prefix === 'string' || Array.isArray(prefix)) await this.#dispatch(message, prefix as string | readonly string[]);
  }

  async #execute(message: ChatMessageEvent, command: Command, commandName: string, prefix: string, argsStart: number): Promise<void> {
    const outcomes: Array<Promise<ListenerOutcome> | ListenerOutcome> = [];
    let failure: { readonly error: unknown } | undefined;
    try {
      await this.#pipeline(this.#invocation(message, command, commandName, prefix, argsStart), argsStart, outcomes);
    } catch (error) {
      failure = { error };
    }
    // A failure of the pipeline itself surfaces through the client's `error` event as a failure of the `message`
    // listener that runs it; each failing command-event listener is reported under its own event name.
    if (failure !== undefined) this.reportError(toError(failure.error), { source: 'listener', event: 'message', channel: message.channel });
    for (const outcome of await Promise.all(outcomes)) {
      if (outcome !== undefined) this.reportError(toError(outcome.error), { source: 'listener', event: outcome.event, channel: message.channel });
    }
  }

  async #pipeline(invocation: CommandInvocation<this>, argsStart: number, outcomes: Array<Promise<ListenerOutcome> | ListenerOutcome>): Promise<void> {
    const { command, message } = invocation;

    for (let index = 0; index < command.checks.length; index++) {
      const check = command.checks[index] as (invocation: CommandInvocation<this>) => boolean | Promise<boolean>;
      let allowed: boolean;
      try {
        // Fail closed: only `true` lets the command through (a check that forgot to return denies).
        allowed = (await check(invocation)) === true;
      } catch (error) {
        this.#fail(outcomes, error, invocation, 'check');
        return;
      }
      if (!allowed) {
        this.#emit(outcomes, 'commandDenied', { reason: 'check', check: check.name || `checks[${index}]` }, invocation);
        return;
      }
    }

    // Cooldowns are looked at after the checks (a viewer denied by a check learns nothing about them) and used up
    // only once the arguments are read, so a typo does not cost the user their turn. Nothing below awaits until
    // `run`, so looking and using up cannot interleave with another message.
    const cooldowns = command.cooldowns.length === 0 ? command.cooldowns : command.cooldowns.filter((cooldown) => !isExempt(cooldown, invocation.user));
    let blocked: { readonly cooldown: Cooldown; readonly retryAfterMs: number } | undefined;
    for (const cooldown of cooldowns) {
      const retryAfterMs = this.#cooldowns.retryAfter(cooldownKey(command.name, cooldown, invocation), cooldown.uses ?? 1);
      if (retryAfterMs > 0 && (blocked === undefined || retryAfterMs > blocked.retryAfterMs)) blocked = { cooldown, retryAfterMs };
    }
    if (blocked !== undefined) {
      this.#emit(outcomes, 'commandDenied', { reason: 'cooldown', scope: blocked.cooldown.scope, retryAfterMs: blocked.retryAfterMs }, invocation);
      return;
    }

    let parsed: ReturnType<typeof parseArguments<ArgumentSchema>>;
    try {
      parsed = parseArguments(command.args, message.text, argsStart);
    } catch (error) {
      this.#fail(outcomes, error, invocation, 'arguments');
      return;
    }
    if (!parsed.ok) {
      const usage = formatUsage(`${invocation.prefix}${invocation.commandName}`, command.args);
      const denial: CommandDenial = { reason: 'usage', failure: parsed.failure, usage, message: `${parsed.failure.detail}. Usage: ${usage}` };
      this.#emit(outcomes, 'commandDenied', denial, invocation);
      if (this.#options.usageReplies) await this.#replyUsage(invocation, denial.message);
      return;
    }

    for (const cooldown of cooldowns) this.#cooldowns.consume(cooldownKey(command.name, cooldown, invocation), cooldown.durationMs);

    const context: CommandContext<Readonly<Record<string, unknown>>, this> = { ...invocation, args: parsed.args };
    try {
      await command.run(context as unknown as CommandContext);
    } catch (error) {
      this.#fail(outcomes, error, context, 'run');
      return;
    }
    this.#emit(outcomes, 'commandRun', context as unknown as CommandContext);
  }

  #invocation(message: ChatMessageEvent, command: Command, commandName: string, prefix: string, argsStart: number): CommandInvocation<this> {
    const channel = message.channel;
    const user: CommandUser = {
      id: message.userId,
      login: message.userLogin,
      displayName: message.displayName,
      isBroadcaster: isBroadcaster(message),
      isModerator: message.isModerator,
      isVip: message.isVip,
      isSubscriber: message.isSubscriber,
    };
    return {
      bot: this,
      message,
      command,
      commandName,
      prefix,
      channel,
      channelId: message.channelId,
      user,
      argsText: message.text.slice(argsStart).trim(),
      reply: (text: string, options?: ReplyOptions) => message.reply(text, options),
      send: (text: string, options: SendOptions = {}) => {
        // Answer as the account that received the command, like `reply` does.
        const login = this.shards.get(message.shardId)?.login;
        return this.send(channel, text, options.as === undefined && typeof login === 'string' ? { ...options, as: login } : options);
      },
    };
  }

  async #replyUsage(invocation: CommandInvocation<this>, text: string): Promise<void> {
    const now = this.#options.clock.now();
    const last = this.#lastUsageReply.get(invocation.channel);
    if (last !== undefined && last.text === text && now - last.at < DUPLICATE_WINDOW_MS) return;
    // Re-inserted, so the map stays in time order; then the entries whose window has passed are dropped from the front.
    this.#lastUsageReply.delete(invocation.channel);
    this.#lastUsageReply.set(invocation.channel, { text, at: now });
    for (const [channel, entry] of this.#lastUsageReply) {
      if (now - entry.at < DUPLICATE_WINDOW_MS) break;
      this.#lastUsageReply.delete(channel);
    }
    await invocation.reply(text);
  }

  /**
   * How many channels' last usage replies the bot remembers (for tests of its memory use).
   *
   * @internal
   */
  get rememberedUsageReplies(): number {
    return this.#lastUsageReply.size;
  }

  #fail(outcomes: Array<Promise<ListenerOutcome> | ListenerOutcome>, error: unknown, invocation: CommandInvocation, phase: CommandErrorPhase): void {
    this.#emit(outcomes, 'commandError', toError(error), invocation, phase);
  }

  /** Calls the listeners of a command event, keeping their failures (sync or async) for {@link Bot.#execute}. */
  #emit<K extends keyof CommandEvents>(outcomes: Array<Promise<ListenerOutcome> | ListenerOutcome>, event: K, ...args: CommandEvents[K]): void {
    this.#waiters.emit(event, ...args);
    const listeners = this.#listeners.get(event);
    if (listeners === undefined) return;
    for (const listener of listeners) {
      try {
        const result = (listener as (...values: CommandEvents[K]) => unknown)(...args);
        if (typeof result === 'object' && result !== null && typeof (result as PromiseLike<unknown>).then === 'function') {
          // Handled at once, so a rejection is never "unhandled" while the command is still running.
          outcomes.push(Promise.resolve(result).then(() => undefined, (error: unknown) => ({ error, event })));
        }
      } catch (error) {
        outcomes.push({ error, event });
      }
    }
  }
}

function splitOptions(options: unknown): { clientOptions: unknown; botOptions: ResolvedBotOptions } {
  if (typeof options !== 'object' || options === null) return { clientOptions: options, botOptions: resolveBotOptions({}) };
  const record = options as Readonly<Record<string, unknown>>;
  const clientOptions: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (!BOT_OPTION_KEYS.includes(key)) clientOptions[key] = record[key];
  return { clientOptions, botOptions: resolveBotOptions(record) };
}

function resolveBotOptions(record: Readonly<Record<string, unknown>>): ResolvedBotOptions {
  const prefix = (record['prefix'] ?? DefaultBotOptions.prefix) as Prefix;
  let resolvedPrefix: ResolvedBotOptions['prefix'];
  if (typeof prefix === 'function') {
    resolvedPrefix = prefix;
  } else {
    const normalized = normalizePrefixResult(prefix);
    if (normalized === undefined) {
      throw InvalidOptionError.badValue('Bot', 'prefix', prefix, 'a non-empty string, a non-empty array of non-empty strings, or a function of the message');
    }
    resolvedPrefix = normalized;
  }
  const caseInsensitive = record['caseInsensitive'] ?? DefaultBotOptions.caseInsensitive;
  if (typeof caseInsensitive !== 'boolean') throw InvalidOptionError.badValue('Bot', 'caseInsensitive', caseInsensitive, 'true or false');
  const usageReplies = record['usageReplies'] ?? DefaultBotOptions.usageReplies;
  if (typeof usageReplies !== 'boolean') throw InvalidOptionError.badValue('Bot', 'usageReplies', usageReplies, 'true or false');
  const sharedChat = record['sharedChat'] ?? DefaultBotOptions.sharedChat;
  if (sharedChat !== 'source' && sharedChat !== 'all') throw InvalidOptionError.badValue('Bot', 'sharedChat', sharedChat, "'source' or 'all'");
  const clock = (record['clock'] ?? systemClock) as Clock;
  return { prefix: resolvedPrefix, caseInsensitive, usageReplies, sharedChat, clock };
}

/** A usable prefix (one string, or strings longest first), or `undefined` when there is none. */
function normalizePrefixResult(value: unknown): string | readonly string[] | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (!Array.isArray(value) || value.length === 0) return undefined;
  if (value.some((entry) => typeof entry !== 'string' || entry.length === 0)) return undefined;
  // Longest first, so '!!' wins over '!' for "!!ping".
  const sorted = [...new Set(value as string[])].sort((a, b) => b.length - a.length);
  return sorted.length === 1 ? sorted[0] : Object.freeze(sorted);
}

/** The longest prefix `text` starts with at `offset`; empty prefixes (from a prefix function) never match. */
function matchPrefix(prefix: string | readonly string[], text: string, offset: number): string | undefined {
  if (typeof prefix === 'string') return prefix.length > 0 && text.startsWith(prefix, offset) ? prefix : undefined;
  let best: string | undefined;
  for (const candidate of prefix) {
    if (typeof candidate !== 'string' || candidate.length === 0 || (best !== undefined && candidate.length <= best.length)) continue;
    if (text.startsWith(candidate, offset)) best = candidate;
  }
  return best;
}

function isExempt(cooldown: Cooldown, user: CommandUser): boolean {
  const exempt = cooldown.exempt;
  if (exempt === undefined || exempt.length === 0) return false;
  return (
    (user.isBroadcaster && exempt.includes('broadcaster')) ||
    (user.isModerator && exempt.includes('moderator')) ||
    (user.isVip && exempt.includes('vip'))
  );
}

function cooldownKey(command: string, cooldown: Cooldown, invocation: CommandInvocation): string {
  // NUL cannot appear in a command name, a channel or a user id, so keys never collide.
  const base = `${command}\u0000${cooldown.scope}\u0000${cooldown.durationMs}`;
  if (cooldown.scope === 'global') return base;
  if (cooldown.scope === 'channel') return `${base}\u0000${invocation.channel}`;
  return `${base}\u0000${invocation.channel}\u0000${invocation.user.id || invocation.user.login}`;
}

function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  let shown: string;
  try {
    shown = String(value);
  } catch {
    shown = typeof value;
  }
  return new Error(`A command threw a non-Error value: ${shown}`, { cause: value });
}
