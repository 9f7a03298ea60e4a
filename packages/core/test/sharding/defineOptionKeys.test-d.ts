import { describe, expectTypeOf, test } from 'vitest';
import { defineOptionKeys } from '../../src/index.js';

interface Options {
  readonly shardCount?: number;
  readonly label?: string;
}

describe('defineOptionKeys', () => {
  test('accepts exactly the option names', () => {
    const keys = defineOptionKeys<Options>()('shardCount', 'label');
    expectTypeOf(keys).toEqualTypeOf<readonly ('shardCount' | 'label')[]>();
  });

  test('rejects a missing or an unknown name', () => {
    // @ts-expect-error 'label' is missing
    defineOptionKeys<Options>()('shardCount');
    // @ts-expect-error 'lable' is not an option
    defineOptionKeys<Options>()('shardCount', 'lable');
  });
});
