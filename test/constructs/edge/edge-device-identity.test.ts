import { EdgeDeviceIdentity } from '../../../constructs/edge/edge-device-identity';
import { resourcesOf, synthConstruct } from '../../support/synth-json';

const json = synthConstruct(
  (scope) => new EdgeDeviceIdentity(scope, 'identity', { project: 'acme-ml', site: 'plant-berlin', region: 'eu-central-1', accountId: '111122223333', roleAliasName: 'acme-ml-edge-models', attributes: { hardware: 'jetson-orin' } }),
);

describe('EdgeDeviceIdentity', () => {
  test('a thing named after the site', () => {
    expect(resourcesOf(json, 'aws_iot_thing')).toEqual([expect.objectContaining({ name: 'plant-berlin', attributes: { project: 'acme-ml', hardware: 'jetson-orin' } })]);
  });

  test('a policy scoped to the thing: connect as itself, assume only the project role alias', () => {
    const [policy] = resourcesOf(json, 'aws_iot_policy');
    expect(policy.name).toBe('acme-ml-edge-plant-berlin');
    const statements = JSON.parse(policy.policy as string).Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Action: 'iot:Connect', Resource: 'arn:aws:iot:eu-central-1:111122223333:client/plant-berlin', Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } } }),
      expect.objectContaining({ Action: 'iot:AssumeRoleWithCertificate', Resource: 'arn:aws:iot:eu-central-1:111122223333:rolealias/acme-ml-edge-models' }),
    ]);
  });
});
