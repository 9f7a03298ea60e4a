// @ts-check
/**
 * A typedoc plugin that adds the option `tioPackageOverrides`: typedoc options for single packages of an
 * `entryPointStrategy: "packages"` build, keyed by package name.
 *
 * `packageOptions` applies the same options to every package, and a package can only differ through a typedoc.json
 * of its own. tio keeps all documentation configuration in this workspace, so the few per-package differences (the
 * second entry point of `@tio/testing`, a symbol one package leaves unexported on purpose) live in docs/typedoc.json
 * under this option instead. Overrides replace the `packageOptions` value of the same option; relative paths are
 * resolved against the package directory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParameterType } from 'typedoc';

/** @typedef {Record<string, Record<string, unknown>>} PackageOverrides */

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.options.addDeclaration({
    name: 'tioPackageOverrides',
    help: 'typedoc options for single packages of a "packages" build, keyed by package name',
    type: ParameterType.Mixed,
    defaultValue: {},
    validate(value) {
      const valid =
        typeof value === 'object' &&
        value !== null &&
        Object.values(value).every((entry) => typeof entry === 'object' && entry !== null && !Array.isArray(entry));
      if (!valid) throw new Error('tioPackageOverrides must map package names to objects of typedoc options');
    },
  });

  /** @type {PackageOverrides} */
  let overrides = {};
  const unused = new Set();

  app.options.addReader({
    name: 'tio-package-overrides',
    // After typedoc.json, tsconfig.json and package.json, so an override wins over everything read for the package.
    order: 1_000,
    supportsPackages: true,
    read(container, logger, cwd) {
      if (container.packageDir === undefined) {
        // The root configuration: remember the overrides for the packages read later.
        overrides = /** @type {PackageOverrides} */ (container.getValue('tioPackageOverrides'));
        for (const name of Object.keys(overrides)) unused.add(name);
        return;
      }
      const name = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).name;
      unused.delete(name);
      for (const [option, value] of Object.entries(overrides[name] ?? {})) {
        logger.verbose(`tioPackageOverrides: ${name} sets ${option}`);
        container.setValue(/** @type {never} */ (option), /** @type {never} */ (value), cwd);
      }
    },
  });

  // A misspelt package name would silently change nothing; say so once every package was read.
  // 'reviveProject' (typedoc's ApplicationEvents.REVIVE, not exported) fires once the packages are merged.
  app.on('reviveProject', () => {
    if (unused.size === 0) return;
    app.logger.warn(`tioPackageOverrides names packages that are not part of this build: ${[...unused].join(', ')}`);
  });
}
