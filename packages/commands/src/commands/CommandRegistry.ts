import { DuplicateCommandError } from '../errors/DuplicateCommandError.js';
import type { Command } from './Command.js';

/**
 * A read-only window onto a map: callers can look but not change (a cast cannot reach the map either).
 *
 * @internal
 */
class ReadonlyMapView<K, V> implements ReadonlyMap<K, V> {
  readonly #map: ReadonlyMap<K, V>;

  constructor(map: ReadonlyMap<K, V>) {
    this.#map = map;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.#map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[K, V]> {
    return this.#map.entries();
  }

  keys(): MapIterator<K> {
    return this.#map.keys();
  }

  values(): MapIterator<V> {
    return this.#map.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#map[Symbol.iterator]();
  }
}

/**
 * The commands of a bot, by canonical name, plus a lookup table that also holds the aliases.
 *
 * @internal
 */
export class CommandRegistry {
  readonly #byName = new Map<string, Command>();
  readonly #lookup = new Map<string, Command>();
  /** The commands by canonical name, read-only. */
  readonly view: ReadonlyMap<string, Command> = new ReadonlyMapView(this.#byName);

  /** Adds a command; every name and alias must be free. */
  add(command: Command): void {
    for (const name of [command.name, ...command.aliases]) {
      const existing = this.#lookup.get(name);
      if (existing !== undefined) throw new DuplicateCommandError(name, command.name, existing.name);
    }
    this.#byName.set(command.name, command);
    this.#lookup.set(command.name, command);
    for (const alias of command.aliases) this.#lookup.set(alias, command);
  }

  /** Removes the command that has this name or alias; `true` when one was removed. */
  remove(name: string): boolean {
    const command = this.#lookup.get(name);
    if (command === undefined) return false;
    this.#byName.delete(command.name);
    this.#lookup.delete(command.name);
    for (const alias of command.aliases) this.#lookup.delete(alias);
    return true;
  }

  /** The command with this (normalised) name or alias. */
  resolve(name: string): Command | undefined {
    return this.#lookup.get(name);
  }
}
