/** Counts uncaught exceptions and unhandled rejections process-wide while installed (alongside vitest's own handlers). */
export function countProcessErrors(): { readonly count: () => number; readonly errors: unknown[]; readonly uninstall: () => void } {
  const errors: unknown[] = [];
  const onError = (error: unknown): void => {
    errors.push(error);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    count: () => errors.length,
    errors,
    uninstall: () => {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    },
  };
}
