/**
 * The AWS identity of one edge site: an IoT thing named after the site and an IoT policy that
 * lets only that thing connect (client id = thing name) and exchange its certificate for
 * credentials through the project's role alias. Certificates are made on the device (CSR or
 * fleet provisioning) and attached there, so no private key ever sits in Terraform state.
 */
import { IotPolicy } from '@cdktf/provider-aws/lib/iot-policy';
import { IotThing } from '@cdktf/provider-aws/lib/iot-thing';
import { Construct } from 'constructs';
import { policyDocument } from '../iam/policy-document';

/** Props of {@link EdgeDeviceIdentity}. */
export interface EdgeDeviceIdentityProps {
  /** The project name. */
  readonly project: string;
  /** The site name: the thing name, and the models prefix the site may read. */
  readonly site: string;
  /** The region. */
  readonly region: string;
  /** The account id. */
  readonly accountId: string;
  /** The role alias name (EdgeModelAccess / edgeRoleAliasName). */
  readonly roleAliasName: string;
  /** Attributes to record on the thing (hardware, nodes). @default - none */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** An IoT thing and its policy. */
export class EdgeDeviceIdentity extends Construct {
  /** The thing. */
  readonly thing: IotThing;
  /** The policy to attach to the site's certificate. */
  readonly policy: IotPolicy;

  constructor(scope: Construct, id: string, props: EdgeDeviceIdentityProps) {
    super(scope, id);
    const arn = (resource: string) => `arn:aws:iot:${props.region}:${props.accountId}:${resource}`;
    this.thing = new IotThing(this, 'thing', { name: props.site, attributes: { project: props.project, ...props.attributes } });
    this.policy = new IotPolicy(this, 'policy', {
      name: `${props.project}-edge-${props.site}`,
      policy: policyDocument([
        {
          sid: 'ConnectAsThisSiteOnly',
          actions: ['iot:Connect'],
          resources: [arn(`client/${props.site}`)],
          conditions: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
        },
        { sid: 'ExchangeCertificateForCredentials', actions: ['iot:AssumeRoleWithCertificate'], resources: [arn(`rolealias/${props.roleAliasName}`)] },
      ]),
    });
  }
}
