import type { HistorySource } from '../../app/replay/history-source';
import {
  DEFAULT_READ_OPTIONS,
  feedCloudTrailFile,
  type LoadedFile,
  loadCloudTrailFile,
  type ReadOptions,
} from './cloudtrail-file';
import { filesOfDay, planHistory } from './cloudtrail-tree';

/** CloudTrail history on the local file system: S3 log trees, lookup-events and Lake results. */
export function cloudTrailHistory(options: ReadOptions = DEFAULT_READ_OPTIONS): HistorySource<LoadedFile> {
  return {
    plan: planHistory,
    filesOfDay,
    load: (file) => loadCloudTrailFile(file.path, file.size, options),
    feed: feedCloudTrailFile,
  };
}
