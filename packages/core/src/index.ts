export { TioError } from './errors/TioError.js';
export type { TioErrorOptions } from './errors/TioError.js';
