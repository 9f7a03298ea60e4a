import { TioError } from './TioError.js';

/**
 * A shard manager or transport was built for another version of a `@tio/core` contract than the one installed.
 */
export class ContractVersionError extends TioError {
  /** Which contract: `shard manager` or `transport`. */
  readonly contract: 'shard manager' | 'transport';
  /** The version this copy of `@tio/core` implements. */
  readonly expected: string;
  /** The version the class declared (`undefined` when it declared none). */
  readonly actual: unknown;

  /**
   * Creates the error.
   *
   * @param contract - Which contract was checked.
   * @param className - The class that was passed.
   * @param expected - The version this copy of `@tio/core` implements.
   * @param actual - The version the class declared.
   */
  constructor(contract: 'shard manager' | 'transport', className: string, expected: string, actual: unknown) {
    const seen = typeof actual === 'string' ? `"${actual}"` : 'no contractVersion';
    super(
      'CONTRACT_VERSION',
      `The ${contract} ${className || '(anonymous class)'} declares ${seen}, but this @tio/core implements ` +
        `"${expected}". Install versions of the ${contract} package and @tio/core that match (check for two ` +
        'copies of @tio/core in node_modules), or declare static contractVersion if you wrote the class.',
    );
    this.contract = contract;
    this.expected = expected;
    this.actual = actual;
  }
}
