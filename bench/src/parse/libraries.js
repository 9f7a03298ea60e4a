// The libraries compared, in table order. tio first; the peers are what a user would pick instead (issue #2).

/** @type {readonly {id: string, module: string}[]} */
export const Libraries = [
  { id: 'tio', module: './adapters/tio.js' },
  { id: 'tmi.js', module: './adapters/tmi.js' },
  { id: 'irc-message', module: './adapters/irc-message.js' },
  { id: '@twurple/chat', module: './adapters/twurple.js' },
  { id: 'dank-twitch-irc', module: './adapters/dank.js' },
];

/** @type {readonly ('raw' | 'typed')[]} */
export const Levels = ['raw', 'typed'];

/**
 * Loads an adapter. An adapter whose library cannot be used at some level (tio before its parser exists) exports
 * `unavailableLevels` (level → reason) instead of failing the whole run; see {@link unavailableReason}.
 * @param {string} id
 */
export async function loadAdapter(id) {
  const library = Libraries.find((entry) => entry.id === id);
  if (library === undefined) throw new Error(`unknown library ${id}; known: ${Libraries.map((entry) => entry.id).join(', ')}`);
  return import(library.module);
}

/** @param {any} adapter @param {'raw' | 'typed'} level @returns {string | undefined} why the level cannot run */
export function unavailableReason(adapter, level) {
  return adapter.unavailableLevels?.[level];
}
