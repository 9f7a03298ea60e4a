import { expect, it } from 'vitest';
import * as commands from '../src/index.js';

// The committed list of runtime exports: any API change shows up in review here.
const EXPECTED = [
  'Bot',
  'CooldownTracker',
  'DefaultBotOptions',
  'DuplicateCommandError',
  'InvalidCommandError',
  'arg',
  'broadcasterOnly',
  'formatUsage',
  'isBroadcaster',
  'moderatorOnly',
  'parseArguments',
  'tokenize',
  'vipOnly',
];

it('exports exactly the committed runtime API', () => {
  expect(Object.keys(commands).sort()).toEqual([...EXPECTED].sort());
});

it('has no work at import time beyond frozen constants', () => {
  expect(Object.isFrozen(commands.arg)).toBe(true);
  expect(Object.keys(commands.arg).sort()).toEqual(['boolean', 'choice', 'custom', 'duration', 'integer', 'number', 'rest', 'string', 'user']);
  expect(commands.DefaultBotOptions).toEqual({ prefix: '!', caseInsensitive: true, usageReplies: false, sharedChat: 'source' });
});
