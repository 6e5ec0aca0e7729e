/** A streaming configuration AWS would reject or that could not meet the needs. */
export class StreamingError extends Error {
  /** `path` is the construct path (or the sizing input) at fault, so the message says where. */
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'StreamingError';
  }
}
