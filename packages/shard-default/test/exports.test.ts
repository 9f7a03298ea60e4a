import { expect, it } from 'vitest';
import * as shardDefault from '../src/index.js';

// The committed list of runtime exports: any API change shows up in review here.
const EXPECTED = ['DEFAULT_SHARD_ID', 'DefaultShardManager'];

it('exports exactly the committed names', () => {
  expect(Object.keys(shardDefault).sort()).toEqual([...EXPECTED].sort());
});
