import { expect, it } from 'vitest';
import * as shardDistributed from '../src/index.js';

// The committed list of runtime exports: any API change shows up in review here.
const EXPECTED = ['DefaultDistributedShardManagerOptions', 'DistributedShardManager'];

it('exports exactly the committed names', () => {
  expect(Object.keys(shardDistributed).sort()).toEqual([...EXPECTED].sort());
});
