/**
 * Every IAM action list of the lakehouse, in one place: what reading and writing data means
 * for S3 buckets, S3 Tables and the KMS key, and which actions count as data access when a
 * bucket policy confines data to the VPC endpoint.
 *
 * Nothing here grants a permanent delete: `s3:DeleteObject` on a versioned bucket only adds a
 * delete marker (the previous version stays restorable), and `s3:DeleteObjectVersion`,
 * `s3tables:DeleteTable` and `s3tables:DeleteNamespace` are granted by no verb.
 */

/** Reading objects of a bucket, including earlier versions, and listing it. */
export const BUCKET_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:GetBucketLocation'] as const;

/** Writing objects (multipart uploads included) and deleting them recoverably. */
export const BUCKET_WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:ListBucketMultipartUploads', 's3:DeleteObject'] as const;

/** Reading one prefix's objects (an edge site's models); listing it is {@link PREFIX_LIST_ACTIONS}. */
export const PREFIX_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'] as const;

/** Listing a bucket, limited to a prefix by an `s3:prefix` condition. */
export const PREFIX_LIST_ACTIONS = ['s3:ListBucket'] as const;

/** Reading SSE-KMS objects: decrypting their data keys. */
export const KEY_READ_ACTIONS = ['kms:Decrypt'] as const;

/** Writing SSE-KMS objects: new data keys, and Decrypt, which multipart uploads need to assemble parts. */
export const KEY_WRITE_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** What the S3 Tables maintenance service needs on the key of an SSE-KMS table bucket. */
export const TABLE_MAINTENANCE_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** Finding and reading Iceberg tables of a table bucket. */
export const TABLE_READ_ACTIONS = [
  's3tables:GetTableBucket',
  's3tables:ListNamespaces',
  's3tables:GetNamespace',
  's3tables:ListTables',
  's3tables:GetTable',
  's3tables:GetTableMetadataLocation',
  's3tables:GetTableData',
] as const;

/** Creating tables and committing new snapshots to them. */
export const TABLE_WRITE_ACTIONS = ['s3tables:CreateTable', 's3tables:PutTableData', 's3tables:UpdateTableMetadataLocation'] as const;

/**
 * Data access that a bucket policy confines to VPC endpoints: object reads, writes and deletes
 * of every kind. Bucket management (policy, lifecycle, encryption, versioning, tags) and
 * `s3:ListBucket` stay reachable from anywhere (IAM still decides who), because Terraform
 * manages the bucket from outside the VPC and its refresh calls HeadBucket, which S3
 * authorizes as `s3:ListBucket`. Object keys stay listable from outside; their contents not.
 */
export const OBJECT_DATA_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAttributes',
  's3:GetObjectVersionAttributes',
  's3:GetObjectTagging',
  's3:GetObjectVersionTagging',
  's3:PutObject',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteObjectTagging',
  's3:DeleteObjectVersionTagging',
  's3:RestoreObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  's3:ListBucketMultipartUploads',
  's3:ReplicateObject',
  's3:ReplicateDelete',
] as const;

/** What S3 server access log delivery needs on the log bucket. */
export const ACCESS_LOG_DELIVERY_ACTIONS = ['s3:PutObject'] as const;

/** The service principal that delivers S3 server access logs. */
export const ACCESS_LOG_DELIVERY_PRINCIPAL = 'logging.s3.amazonaws.com';

/** The service principal of S3 Tables maintenance (compaction, snapshot expiry, file removal). */
export const TABLE_MAINTENANCE_PRINCIPAL = 'maintenance.s3tables.amazonaws.com';
