import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as vitestEntry from '../src/vitest/index.js';

/** The committed public API: update it deliberately, so API changes show up in review. */
const MainExports = [
  'DefaultAccountLimits',
  'DefaultMockTwitchServerOptions',
  'MockTwitchServer',
  'Prng',
  'SlidingWindow',
  'escapeTagValue',
  'parseIrcLine',
  'serializeIrcMessage',
  'serializeTags',
  'splitFrameLines',
  'systemClock',
  'unescapeTagValue',
];
const VitestExports = ['describeShardManagerConformance', 'useMockTwitchServer'];

describe('public API', () => {
  it('exports exactly the committed names from the main entry', () => {
    expect(Object.keys(main).sort()).toEqual(MainExports);
  });

  it('exports exactly the committed names from ./vitest', () => {
    expect(Object.keys(vitestEntry).sort()).toEqual(VitestExports);
  });

  it('keeps vitest out of the main entry and declares it an optional peer', () => {
    const files = readdirSync(new URL('../src/', import.meta.url), { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.startsWith('vitest'),
    );
    expect(files.length).toBeGreaterThan(10);
    const importers = files.filter((file) => /from 'vitest/.test(readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8')));
    expect(importers).toEqual([]);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, any>;
    expect(pkg['peerDependenciesMeta']?.['vitest']).toEqual({ optional: true });
    expect(Object.keys(pkg['exports']['./vitest'])).toEqual(['types', 'default']);
    expect(pkg['bin']).toEqual({ 'tio-mock-server': './bin/tio-mock-server.js' });
    expect(pkg['dependencies']).not.toHaveProperty('vitest');
  });
});
