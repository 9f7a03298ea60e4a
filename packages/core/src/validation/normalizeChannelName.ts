import { InvalidChannelError } from '../errors/InvalidChannelError.js';

/**
 * A channel login after normalisation: `[a-z0-9_]{1,25}` (`twitch-protocol.md` §4.8: logins are lower case,
 * at most 25 characters, and very old accounts have 1–3 character logins, so those are allowed).
 */
const CHANNEL_PATTERN = /^[a-z0-9_]{1,25}$/;

function normalizeOrUndefined(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const stripped = name.startsWith('#') ? name.slice(1) : name;
  const lower = stripped.toLowerCase();
  return CHANNEL_PATTERN.test(lower) ? lower : undefined;
}

/**
 * Normalises one channel name: removes one leading `#`, lower-cases, and checks it is a Twitch login.
 *
 * @param name - A channel name such as `#SomeChannel`.
 * @returns The login, for example `somechannel`.
 * @throws {@link InvalidChannelError} when the result is not 1–25 characters of `a-z`, `0-9`, `_`.
 *
 * @example
 * ```ts
 * normalizeChannelName('#Forsen'); // 'forsen'
 * ```
 */
export function normalizeChannelName(name: string): string {
  const normalized = normalizeOrUndefined(name);
  if (normalized === undefined) throw new InvalidChannelError([name]);
  return normalized;
}

/**
 * Normalises a list of channel names (see {@link normalizeChannelName}) and removes duplicates, keeping the first
 * occurrence's position. Every bad name is reported at once.
 *
 * @param names - Channel names.
 * @returns The distinct logins, in first-seen order.
 * @throws {@link InvalidChannelError} listing every name that is not valid.
 *
 * @example
 * ```ts
 * normalizeChannelNames(['#Foo', 'foo', 'bar']); // ['foo', 'bar']
 * ```
 */
export function normalizeChannelNames(names: Iterable<string>): string[] {
  const result = new Set<string>();
  const invalid: unknown[] = [];
  for (const name of names) {
    const normalized = normalizeOrUndefined(name);
    if (normalized === undefined) invalid.push(name);
    else result.add(normalized);
  }
  if (invalid.length > 0) throw new InvalidChannelError(invalid);
  return [...result];
}
