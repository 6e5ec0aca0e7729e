import { CatalogError } from '../../catalog/catalog-error';

describe('CatalogError', () => {
  it('is an Error with its own name and the given message', () => {
    const error = new CatalogError('h100: something to fix');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(CatalogError);
    expect(error.name).toBe('CatalogError');
    expect(error.message).toBe('h100: something to fix');
  });
});
