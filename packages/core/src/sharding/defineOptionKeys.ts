/**
 * Builds a manager's `static optionKeys` from its options type, checked at compile time: listing a name the type
 * does not have, or leaving one out, is a type error. Without it, an option missing from `optionKeys` would type-check
 * in `new Client({ ... })` and then be rejected at runtime as unknown.
 *
 * @typeParam TOptions - The manager's options type.
 * @returns A function taking every option name exactly once.
 *
 * @example
 * ```ts
 * interface MyOptions { readonly shardCount?: number; readonly label?: string }
 * class MyManager extends BaseShardManager<MyOptions> {
 *   static override readonly optionKeys = defineOptionKeys<MyOptions>()('shardCount', 'label');
 *   // ...
 * }
 * ```
 */
export function defineOptionKeys<TOptions extends object>(): <const TKeys extends readonly (keyof TOptions & string)[]>(
  ...keys: TKeys & ([Exclude<keyof TOptions & string, TKeys[number]>] extends [never] ? unknown : never)
) => readonly (keyof TOptions & string)[] {
  return (...keys) => Object.freeze([...keys]);
}
