/**
 * The one error the lakehouse constructs throw. Its message starts with the construct path
 * (or the prop) it is about and says what is allowed, so the reader can fix the input.
 */
export class LakehouseError extends Error {
  /** `where` is a construct path or a prop name; `message` says what is wrong and what to do. */
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'LakehouseError';
  }
}
