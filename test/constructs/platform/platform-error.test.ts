import { PlatformError } from '../../../constructs/platform/platform-error';

describe('PlatformError', () => {
  test('GIVEN a place and a message THEN the message starts with the place and the name says the class', () => {
    const error = new PlatformError('stack/platform', 'efa is true but region is not set');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('stack/platform: efa is true but region is not set');
    expect(error.name).toBe('PlatformError');
  });
});
