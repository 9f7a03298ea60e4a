// @ts-check
/**
 * A typedoc plugin with one rule: every property of an exported class or interface of a tio package must carry a
 * TSDoc comment.
 *
 * typedoc's own `notDocumented` check treats every property alike, so it would also demand a comment on each member
 * of an anonymous object type: the values of a defaults constant (`DefaultClientOptions.sendTimeoutMs`,
 * `RateLimitPresets.regular.join.limit`, …) and the fields of one branch of a union type. Those are documented by
 * their owner (the constant, whose options interface carries the `@defaultValue`s, or the type alias), so
 * typedoc.json leaves `Property` out of `requiredToBeDocumented` and this plugin checks properties of classes and
 * interfaces instead, with the same warning text and the same `packagesRequiringDocumentation` filter.
 */
import { Application, ReflectionKind } from 'typedoc';

/** @param {Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    // Runs for each package's own validation too, where `notDocumented` is off; only the merged project counts.
    if (!app.options.getValue('validation').notDocumented) return;
    const packages = app.options.getValue('packagesRequiringDocumentation');
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Property)) {
      if (!reflection.parent?.kindOf(ReflectionKind.ClassOrInterface)) continue;
      if (reflection.hasComment()) continue;
      const symbolId = project.getSymbolIdFromReflection(reflection);
      if (symbolId === undefined || !packages.includes(symbolId.packageName)) continue;
      app.logger.validationWarning(
        `${reflection.getFriendlyFullName()} (Property), defined in ${symbolId.packageName}/${symbolId.packagePath}, ` +
          'does not have any documentation',
      );
    }
  });
}
