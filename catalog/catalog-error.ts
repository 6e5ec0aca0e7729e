/**
 * The error the catalog throws when a need cannot be met by any instance type it knows.
 * Its message is written for the person who wrote the needs file: it names the accelerator,
 * the offending value, and what to change.
 */
export class CatalogError extends Error {
  /** Builds the error; `message` should already say what to do about it. */
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}
