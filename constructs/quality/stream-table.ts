/**
 * The Glue table of the ingest stream as it lands in raw: one row per record, read from the
 * Firehose delivery prefix, partitioned by arrival date and hour (the prefix's Hive-style
 * folders), the record's columns from the CloudEvents envelope.
 *
 * The record contract: a producer writes one JSON object per record, ending with a newline,
 * in CloudEvents 1.0 structured JSON format (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md):
 * `id`, `source`, `specversion` and `type` are required by CloudEvents, `time` (RFC 3339) says
 * when the event happened, `data` carries the payload. tracklayer cannot know a stream's payload
 * schema, but it can check an envelope every producer agrees on: the quality rules check the
 * completeness of these columns and the freshness of `time`. `data` stays a JSON string for the
 * engines that parse it.
 *
 * The OpenX JSON SerDe reads the lines; a line that is not JSON becomes a row of nulls
 * (`ignore.malformed.json`), so broken records lower completeness instead of failing the reader.
 *
 * Lineage: the table properties record what produces the data, `tracklayer:producer` (the
 * Firehose stream ARN), `tracklayer:source` (the MSK cluster or Kinesis stream ARN) and
 * `tracklayer:source-topic`, so an engine or a person reading the catalog sees where every row
 * came from (see the README's data foundation section for why table properties).
 */
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { Construct } from 'constructs';

/** The envelope columns (CloudEvents 1.0 context attributes and `data`), all strings. */
export const ENVELOPE_COLUMNS = [
  { name: 'id', comment: 'CloudEvents id: unique per source' },
  { name: 'source', comment: 'CloudEvents source: the producing context (URI-reference)' },
  { name: 'specversion', comment: 'CloudEvents spec version, 1.0' },
  { name: 'type', comment: 'CloudEvents type: what happened' },
  { name: 'time', comment: 'CloudEvents time: when it happened, RFC 3339' },
  { name: 'subject', comment: 'CloudEvents subject (optional)' },
  { name: 'datacontenttype', comment: 'CloudEvents datacontenttype (optional)' },
  { name: 'data', comment: 'The payload, as JSON text' },
] as const;

/** Columns whose completeness the quality rules check: required by CloudEvents, plus `time` and `data`. */
export const CHECKED_COLUMNS = ['id', 'source', 'type', 'time', 'data'] as const;

/** The column the freshness rule reads. */
export const EVENT_TIME_COLUMN = 'time';

/** Props of {@link StreamTable}. */
export interface StreamTableProps {
  /** The Glue database (the raw zone's). */
  readonly databaseName: string;
  /** The table name (the stream's short name). */
  readonly tableName: string;
  /** `s3://<raw bucket>/streams/<stream>/`. */
  readonly location: string;
  /** Partition columns of the location, in order (the delivery prefix's). */
  readonly partitionColumns: readonly string[];
  /** Lineage: what writes the data and where it comes from. */
  readonly lineage: { readonly producerArn: string; readonly sourceArn: string; readonly sourceTopic: string };
}

/** The table. */
export class StreamTable extends Construct {
  readonly table: GlueCatalogTable;
  readonly name: string;

  constructor(scope: Construct, id: string, props: StreamTableProps) {
    super(scope, id);
    this.table = new GlueCatalogTable(this, 'table', {
      databaseName: props.databaseName,
      name: props.tableName,
      description: 'tracklayer: the ingest stream as delivered to the raw zone, one CloudEvents JSON record per row',
      tableType: 'EXTERNAL_TABLE',
      parameters: {
        classification: 'json',
        compressionType: 'gzip',
        EXTERNAL: 'TRUE',
        'tracklayer:producer': props.lineage.producerArn,
        'tracklayer:source': props.lineage.sourceArn,
        'tracklayer:source-topic': props.lineage.sourceTopic,
      },
      partitionKeys: props.partitionColumns.map((name) => ({ name, type: 'string', comment: 'arrival time (UTC) at Firehose' })),
      storageDescriptor: {
        location: props.location,
        inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
        outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
        compressed: true,
        serDeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', parameters: { 'ignore.malformed.json': 'true' } },
        columns: ENVELOPE_COLUMNS.map((c) => ({ name: c.name, type: 'string', comment: c.comment })),
      },
    });
    this.name = this.table.name;
  }
}
