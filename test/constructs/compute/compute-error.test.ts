import { ComputeError, EfaNotSupportedError } from '../../../constructs/compute/compute-error';
import { instance } from './catalog-instance';

describe('ComputeError', () => {
  test('GIVEN a place and a message THEN the message starts with the place and the name says the class', () => {
    const error = new ComputeError('stack/node-group', 'minSize must be ...');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('stack/node-group: minSize must be ...');
    expect(error.name).toBe('ComputeError');
  });

  test('GIVEN an instance without EFA THEN EfaNotSupportedError is a ComputeError that keeps the instance type', () => {
    const error = new EfaNotSupportedError('where', instance('g6.xlarge'));
    expect(error).toBeInstanceOf(ComputeError);
    expect(error.name).toBe('EfaNotSupportedError');
    expect(error.instanceType).toBe('g6.xlarge');
    expect(error.message).toMatch(/^where: instance type g6\.xlarge has no EFA-capable network card .* or drop efa for single-node work$/);
  });
});
