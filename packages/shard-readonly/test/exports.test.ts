import { expect, it } from 'vitest';
import * as shardReadonly from '../src/index.js';

// The committed list of runtime exports: any API change shows up in review here.
const EXPECTED = ['DefaultReadOnlyShardManagerOptions', 'ReadOnlyShardManager'];

it('exports exactly the committed names', () => {
  expect(Object.keys(shardReadonly).sort()).toEqual([...EXPECTED].sort());
});
