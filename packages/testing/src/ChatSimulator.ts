import type { Clock, TimerHandle } from './Clock.js';
import type { ChatMessageOptions, EmotePosition, InjectedMessage, SimulateChatOptions, SimulatedChat } from './InjectionOptions.js';
import { Prng } from './Prng.js';

/** Global emotes with their real ids (twitch-lines.txt: Kappa 25, Keepo 1902, <3 483). */
const Emotes: ReadonlyArray<readonly [string, string]> = [
  ['Kappa', '25'],
  ['Keepo', '1902'],
  ['<3', '483'],
  ['LUL', '425618'],
  ['PogChamp', '305954156'],
  ['SeemsGood', '64138'],
];
const Emoji = ['👉', '😂', '🔥', '🙂', '❤️', '👀', '🎉'];
const Words = ['hello', 'gg', 'nice', 'what', 'is', 'this', 'lol', 'chat', 'stream', 'play', 'again', 'wow', 'yes', 'no', 'true', 'clip', 'it'];
const Colors = ['#1E90FF', '#FF69B4', '#00FF7F', '#8A2BE2', '#DAA520', ''];
const NameParts = ['cool', 'dank', 'pixel', 'night', 'retro', 'lucky', 'tiny', 'mega', 'sleepy', 'turbo'];

interface Chatter {
  readonly login: string;
  readonly displayName: string;
  readonly color: string;
  readonly badges: string;
  readonly badgeInfo: string;
}

/**
 * Runs a seeded chat simulation (used by {@link MockTwitchServer.simulateChat}).
 *
 * @param options - channels, rate, duration and seed
 * @param clock - the time source
 * @param send - delivers one message
 * @returns the running simulation
 * @internal
 */
export function simulateChat(
  options: SimulateChatOptions,
  clock: Clock,
  send: (channel: string, message: ChatMessageOptions) => InjectedMessage,
): SimulatedChat {
  const prng = new Prng(options.seed ?? 1);
  const chatters = makeChatters(prng, options.chatters ?? 50);
  const recent = new Map<string, Array<{ id: string; displayName: string }>>();
  const start = clock.now();
  const tickMs = Math.max(10, Math.min(250, 1000 / Math.max(options.messagesPerSecond, 0.001)));
  let sent = 0;
  let stopped = false;
  let timer: TimerHandle | undefined;
  let resolveDone: (count: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    resolveDone(sent);
  };
  const tick = (): void => {
    timer = undefined;
    if (stopped) return;
    const elapsed = clock.now() - start;
    const end = options.durationMs === undefined ? elapsed : Math.min(elapsed, options.durationMs);
    const due = Math.floor((end * options.messagesPerSecond) / 1000);
    while (sent < due && options.channels.length > 0) {
      const channel = prng.pick(options.channels);
      const message = makeMessage(prng, prng.pick(chatters), recent.get(channel) ?? []);
      const injected = send(channel, message);
      const list = recent.get(channel) ?? [];
      list.push({ id: injected.id, displayName: message.displayName ?? message.login });
      if (list.length > 20) list.shift();
      recent.set(channel, list);
      sent++;
    }
    if (options.durationMs !== undefined && elapsed >= options.durationMs) {
      stop();
      return;
    }
    timer = clock.setTimeout(tick, tickMs);
  };
  timer = clock.setTimeout(tick, tickMs);
  return { stop, done };
}

function makeChatters(prng: Prng, count: number): Chatter[] {
  const chatters: Chatter[] = [];
  for (let index = 0; index < count; index++) {
    const login = `${prng.pick(NameParts)}_${prng.pick(NameParts)}${index}`;
    const roll = prng.next();
    const months = 1 + prng.int(60);
    let badges = '';
    let badgeInfo = '';
    if (roll < 0.05) badges = 'moderator/1';
    else if (roll < 0.1) badges = 'vip/1';
    if (prng.next() < 0.4) {
      badges = badges === '' ? `subscriber/${months >= 12 ? 12 : months}` : `${badges},subscriber/${months >= 12 ? 12 : months}`;
      badgeInfo = `subscriber/${months}`;
    }
    if (prng.next() < 0.1) badges = badges === '' ? 'bits/100' : `${badges},bits/100`;
    const displayName = prng.next() < 0.05 ? `테스트${index}` : login.charAt(0).toUpperCase() + login.slice(1);
    chatters.push({ login, displayName, color: prng.pick(Colors), badges, badgeInfo });
  }
  return chatters;
}

function makeMessage(prng: Prng, chatter: Chatter, recent: ReadonlyArray<{ id: string; displayName: string }>): ChatMessageOptions {
  const parts: string[] = [];
  const emotes: EmotePosition[] = [];
  const reply = recent.length > 0 && prng.next() < 0.1 ? prng.pick(recent) : undefined;
  if (reply !== undefined) parts.push(`@${reply.displayName}`);
  const length = 1 + prng.int(8);
  let position = parts.length === 0 ? 0 : Array.from(parts[0] as string).length + 1;
  for (let index = 0; index < length; index++) {
    const roll = prng.next();
    let word: string;
    if (roll < 0.25) {
      const [code, id] = prng.pick(Emotes);
      word = code;
      emotes.push({ id, start: position, end: position + Array.from(code).length - 1 });
    } else if (roll < 0.4) {
      word = prng.pick(Emoji);
    } else {
      word = prng.pick(Words);
    }
    parts.push(word);
    // Emote positions count code points (§3.3), so an emoji before an emote shifts it by one, not two.
    position += Array.from(word).length + 1;
  }
  const message: ChatMessageOptions = {
    login: chatter.login,
    text: parts.join(' '),
    displayName: chatter.displayName,
    color: chatter.color,
    badges: chatter.badges,
    badgeInfo: chatter.badgeInfo,
    emotes,
    action: prng.next() < 0.05,
    ...(reply === undefined ? {} : { replyTo: reply.id }),
  };
  return message;
}
