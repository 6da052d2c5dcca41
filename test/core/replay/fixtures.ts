import { readFileSync } from 'node:fs';
import { loadExamples } from '../../support/examples';

type CloudTrailRecord = Record<string, unknown>;

/** The example incidents of examples/cloudtrail-log.json, by name. */
const RECORDS = (JSON.parse(readFileSync('examples/cloudtrail-log.json', 'utf8')) as { Records: CloudTrailRecord[] })
  .Records;

export const INCIDENT = {
  revoke8080: RECORDS[0]!,
  open8080ToWorld: RECORDS[1]!,
  staleSgOnEni: RECORDS[2]!,
  naclDeniesReturn: RECORDS[3]!,
  sshToWorld: RECORDS[4]!,
  failedUnauthorized: RECORDS[5]!,
  selfReferenceRemoved: RECORDS[6]!,
  terraformExempt: RECORDS[7]!,
};

/** A copy of `record` at another time, with another eventID. */
export function at(record: CloudTrailRecord, eventTime: string, eventID = `${String(record.eventID)}@${eventTime}`) {
  return { ...record, eventTime, eventID };
}

/** The exact rule the revoke8080 incident removed, authorized again: restores nginx-to-backend. */
export function reauthorize8080(eventTime: string, eventID = `reauthorize@${eventTime}`) {
  return { ...INCIDENT.revoke8080, eventName: 'AuthorizeSecurityGroupIngress', eventTime, eventID };
}

/** A record sg-guardian does not judge (most of any CloudTrail history). */
export function otherRecord(eventTime: string, eventID: string, eventName = 'AssumeRole', eventSource = 'sts.amazonaws.com') {
  return {
    eventVersion: '1.10',
    userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
    eventTime,
    eventSource,
    eventName,
    awsRegion: 'eu-west-1',
    eventID,
    requestParameters: { roleArn: 'arn:aws:iam::123456789012:role/app' },
    responseElements: null,
  };
}

/** `aws cloudtrail lookup-events` output for records (given newest first, as the CLI prints them). */
export function lookupEvents(records: readonly CloudTrailRecord[]) {
  return {
    Events: records.map((r) => ({
      EventId: r.eventID,
      EventName: r.eventName,
      ReadOnly: 'false',
      EventTime: r.eventTime,
      EventSource: r.eventSource,
      Username: 'alice',
      Resources: [],
      CloudTrailEvent: JSON.stringify(r),
    })),
  };
}

/** `aws cloudtrail get-query-results` output of `SELECT eventJson FROM <store>`. */
export function lakeResults(records: readonly CloudTrailRecord[]) {
  return {
    QueryStatus: 'FINISHED',
    QueryStatistics: { ResultsCount: records.length, TotalResultsCount: records.length, BytesScanned: 1024 },
    QueryResultRows: records.map((r) => [{ eventJson: JSON.stringify(r) }]),
  };
}

/** A CloudTrail log file. */
export const logFile = (records: readonly unknown[]) => ({ Records: records });

export async function replayFixture() {
  const { model, config } = await loadExamples();
  return { model, config };
}
