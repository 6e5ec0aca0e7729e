/**
 * Which parts of the data foundation a needs file calls for, as a pure function of the needs
 * (tested without synthesis):
 *
 * | part            | built when                                         | from                                   |
 * |-----------------|----------------------------------------------------|----------------------------------------|
 * | streaming       | `data.streaming`                                   | source, mbPerSecond, latencySeconds    |
 * | quality rules   | `data.streaming` (on its table)                    | `data.quality`, else the plan's defaults (95%, 60 min) |
 * | PII detection   | `business.compliance` is not empty                 | -                                      |
 * | governance (LF) | `business.compliance` is not empty                 | -                                      |
 * | data alerts     | any of the above                                   | -                                      |
 *
 * Governance follows compliance because Lake Formation is how a regulated lake shows who may read
 * what; without a regime to answer to, the IAM grants the stacks already write are the whole
 * story and registering locations would only add a dependency on Lake Formation administration.
 * Without any of these fields nothing is built, so the stacks synthesize exactly what they did
 * before (a golden test holds them to it).
 */
import { customerKeyRequired, SERVERLESS_EXCEPTION_RULE } from '../../needs/data-checks';
import { DEFAULTS, type Needs, type QualityNeed, type StreamingNeed } from '../../needs/schema';
import { kafkaDeploymentFor, type KafkaDeployment } from '../streaming/kafka-deployment';

/** What to build. */
export interface DataFoundationPlan {
  /** `data.streaming`, when given. */
  readonly streaming?: StreamingNeed;
  /** The MSK deployment, for a Kafka stream. */
  readonly kafkaDeployment?: KafkaDeployment;
  /** The quality need of the stream's table, when there is a stream. */
  readonly quality?: QualityNeed;
  /** Macie over raw and curated. */
  readonly piiDetection: boolean;
  /** Lake Formation registration and grants. */
  readonly governance: boolean;
}

/** The plan, or undefined when the needs call for none of it. */
export function dataFoundationPlan(needs: Needs): DataFoundationPlan | undefined {
  const streaming = needs.data.streaming;
  const regulated = needs.business.compliance.length > 0;
  if (!streaming && !regulated) return undefined;
  const kafkaDeployment =
    streaming?.source === 'kafka'
      ? kafkaDeploymentFor({
          customerKeyRequired: customerKeyRequired(needs.business),
          serverlessExceptionAccepted: needs.guardrails.suppress.some((s) => s.rule === SERVERLESS_EXCEPTION_RULE),
          mbPerSecond: streaming.mbPerSecond,
        })
      : undefined;
  return {
    ...(streaming ? { streaming, quality: needs.data.quality ?? { ...DEFAULTS.quality } } : {}),
    ...(kafkaDeployment ? { kafkaDeployment } : {}),
    piiDetection: regulated,
    governance: regulated,
  };
}
