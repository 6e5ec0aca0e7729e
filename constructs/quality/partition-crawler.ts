/**
 * Keeps the stream table's partitions registered in the Data Catalog, so Glue (and the quality
 * evaluations it runs) sees new hours of data: a Glue crawler over the table (a catalog target)
 * in S3 event mode, started every hour.
 *
 * Runtime path: Firehose writes an object under `streams/<stream>/ingest_date=…/ingest_hour=…/`;
 * S3 sends an ObjectCreated event for that prefix to the SQS queue; at minute 1 of every hour the
 * crawler reads the queued events, crawls only the folders they name, and adds the partitions
 * that are new (inheriting the table's schema and SerDe; it never changes the table itself:
 * update and delete behaviours are LOG). Event mode keeps each run proportional to what arrived
 * since the last one, where a full crawl would list every object ever delivered
 * (https://docs.aws.amazon.com/glue/latest/dg/crawler-s3-event-notifications.html).
 * Athena needs no crawler for new data in an existing partition; a new hour becomes visible to
 * Glue and Athena within about an hour of its first record.
 *
 * The queue is encrypted with SQS-managed keys (S3 event notifications cannot publish to a queue
 * encrypted with a customer-managed key without a key-policy statement for S3, and the events
 * carry object keys, not data). The bucket notification is the raw bucket's only one: a later
 * notification on raw must join this resource (S3 keeps one notification configuration per bucket).
 */
import { GlueCrawler } from '@cdktf/provider-aws/lib/glue-crawler';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

/** Minute 1 of every hour: the hour's first objects are there (Firehose delivers within seconds). */
export const CRAWL_SCHEDULE = 'cron(1 * * * ? *)';

/** Props of {@link PartitionCrawler}. */
export interface PartitionCrawlerProps {
  /** Crawler and queue name. */
  readonly name: string;
  /** The role the crawler runs as (trusted by glue.amazonaws.com). */
  readonly roleArn: string;
  readonly databaseName: string;
  readonly tableName: string;
  /** The raw bucket's name and ARN. */
  readonly bucketName: string;
  readonly bucketArn: string;
  /** The table's prefix in the bucket, e.g. `streams/ingest/`. */
  readonly prefix: string;
  readonly accountId: string;
}

/** The queue's statements for the crawler's role. */
export function crawlerQueueStatements(queueArn: string): PolicyStatement[] {
  return [
    {
      sid: 'ReadObjectEvents',
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SetQueueAttributes', 'sqs:PurgeQueue', 'sqs:ListDeadLetterSourceQueues', 'sqs:ListQueueTags'],
      resources: [queueArn],
    },
  ];
}

/** The queue, the bucket notification and the crawler. */
export class PartitionCrawler extends Construct {
  readonly crawler: GlueCrawler;
  readonly queue: SqsQueue;

  constructor(scope: Construct, id: string, props: PartitionCrawlerProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, 'queue', { name: `${props.name}-events`, sqsManagedSseEnabled: true, messageRetentionSeconds: 4 * 24 * 3600 });
    const queuePolicy = new SqsQueuePolicy(this, 'queue-policy', {
      queueUrl: this.queue.url,
      policy: policyDocument([
        {
          sid: 'RawObjectCreatedEvents',
          principals: { Service: 's3.amazonaws.com' },
          actions: ['sqs:SendMessage'],
          resources: [this.queue.arn],
          conditions: { ArnEquals: { 'aws:SourceArn': props.bucketArn }, StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
        { sid: 'DenyInsecureTransport', effect: 'Deny', principals: { AWS: '*' }, actions: ['sqs:*'], resources: [this.queue.arn], conditions: { Bool: { 'aws:SecureTransport': false } } },
      ]),
    });
    new S3BucketNotification(this, 'notification', {
      bucket: props.bucketName,
      queue: [{ id: 'stream-partitions', queueArn: this.queue.arn, events: ['s3:ObjectCreated:*'], filterPrefix: props.prefix }],
      dependsOn: [queuePolicy], // S3 checks it may send to the queue
    });
    this.crawler = new GlueCrawler(this, 'crawler', {
      name: props.name,
      description: 'tracklayer: registers new arrival-hour partitions of the stream table',
      role: props.roleArn,
      databaseName: props.databaseName,
      schedule: CRAWL_SCHEDULE,
      catalogTarget: [{ databaseName: props.databaseName, tables: [props.tableName], eventQueueArn: this.queue.arn }],
      recrawlPolicy: { recrawlBehavior: 'CRAWL_EVENT_MODE' },
      schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
      configuration: JSON.stringify({ Version: 1.0, CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } } }),
    });
  }
}
