import type { LaunchTemplate, LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import type { ReadScope } from '../../../app/ports';
import { Ec2ReadError, errorCode } from './ec2-errors';
import { distinct, uniqueBy } from './ec2-paginate';
import type { ReadResult } from './ec2-reader-documents';
import { launchTemplates, launchTemplateVersions, type PageInput, type Query } from './ec2-reader-queries';

/** A launch template to read and which of its versions: undefined = all, [] = none (the template only). */
export type TemplateRequest = readonly [launchTemplateId: string, versions: readonly string[] | undefined];

/** Every page of one query (the reader's counted, rate-limited pagination). */
export type Pages = <T, Extra>(query: Query<T, Extra>, input: Omit<PageInput, 'MaxResults'> & Extra) => Promise<T[]>;

/** EC2's answer when a launch template (or the version asked for) no longer exists. */
const TEMPLATE_GONE = /^InvalidLaunchTemplate(Id|Name)\.(NotFound|NotFoundException|VersionNotFound)$/;

/** The templates a scope names: those of launchTemplateIds (no versions) and of launchTemplateVersions. */
export function templateRequests(scope: ReadScope): TemplateRequest[] {
  const versions = new Map<string, string[]>();
  for (const id of scope.launchTemplateIds ?? []) versions.set(id, versions.get(id) ?? []);
  for (const v of scope.launchTemplateVersions ?? [])
    versions.set(v.launchTemplateId, [...(versions.get(v.launchTemplateId) ?? []), ...v.versions]);
  return [...versions].map(([id, list]): TemplateRequest => [id, list]);
}

/**
 * Templates with their versions: 'all' lists every template (DescribeLaunchTemplates) and reads all
 * versions of each (DescribeLaunchTemplateVersions, one template per call); else each named template
 * is read alone (there is no launch-template-id filter, and one unknown id fails a whole
 * LaunchTemplateIds call) with the versions asked. A template deleted meanwhile is dropped, a version
 * that does not exist is absent. Undefined when no template is asked for.
 */
export async function readLaunchTemplates(
  pages: Pages,
  requests: readonly TemplateRequest[] | 'all',
): Promise<ReadResult['launchTemplates']> {
  if (requests !== 'all' && requests.length === 0) return undefined;
  const listed: [LaunchTemplate[], TemplateRequest][] =
    requests === 'all'
      ? (await pages(launchTemplates, {})).map((t) => [[t], [t.LaunchTemplateId ?? '', undefined]])
      : await Promise.all(
          requests.map(
            async ([id, versions]): Promise<[LaunchTemplate[], TemplateRequest]> => [
              await unlessGone(() => pages(launchTemplates, { LaunchTemplateIds: [id] })),
              [id, versions],
            ],
          ),
        );
  const read = await Promise.all(
    listed.map(async ([templates, [id, versions]]): Promise<[LaunchTemplate[], LaunchTemplateVersion[]]> => {
      if (templates.length === 0 || versions?.length === 0) return [templates, []];
      const found = await unlessGone(() =>
        pages(launchTemplateVersions, {
          LaunchTemplateId: id,
          ...(versions === undefined ? {} : { Versions: distinct(versions) }),
        }),
      );
      // Every template has a version: none at all means it was deleted after the listing.
      return versions === undefined && found.length === 0 ? [[], []] : [templates, found];
    }),
  );
  return {
    templates: uniqueBy(
      read.flatMap(([t]) => t),
      (t) => t.LaunchTemplateId,
    ),
    versions: uniqueBy(
      read.flatMap(([, v]) => v),
      (v) => `${v.LaunchTemplateId}#${v.VersionNumber}`,
    ),
  };
}

/** The items, or none when EC2 answers that the launch template or version is gone. */
async function unlessGone<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof Ec2ReadError && TEMPLATE_GONE.test(errorCode(error.cause))) return [];
    throw error;
  }
}
