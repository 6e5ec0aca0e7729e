/**
 * The error the GPU platform constructs and profiles throw. A message starts with the construct
 * path or the function it is about, names the prop, shows the value and says how to fix it.
 */

/** Any invalid input to a GPU platform construct or profile function. */
export class PlatformError extends Error {
  /** `where` is a construct path or a function name; `message` says what is wrong and what to do. */
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'PlatformError';
  }
}
