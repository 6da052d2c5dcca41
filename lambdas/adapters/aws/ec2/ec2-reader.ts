import type { EC2Client, ManagedPrefixList, PrefixListEntry } from '@aws-sdk/client-ec2';
import type { AccountReader, ReadScope } from '../../../app/ports';
import type { SnapshotDocuments } from '../../../core/model/documents';
import { describeError, Ec2ReadError } from './ec2-errors';
import {
  chunk,
  clamp,
  createLimiter,
  distinct,
  FILTER_VALUE_LIMIT,
  filterOf,
  type Page,
  paginate,
  uniqueBy,
} from './ec2-paginate';
import { type ReadResult, toDocuments } from './ec2-reader-documents';
import {
  instances,
  managedPrefixLists,
  networkAcls,
  networkInterfaces,
  type PageInput,
  prefixListEntries,
  type Query,
  securityGroupRules,
  securityGroups,
} from './ec2-reader-queries';
import { readLaunchTemplates, type TemplateRequest, templateRequests } from './ec2-reader-templates';

export { createEc2Client } from './ec2-client';
export { Ec2ReadError } from './ec2-errors';

/** Every EC2 action the reader calls. */
export const EC2_READER_IAM_ACTIONS = [
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeManagedPrefixLists',
  'ec2:GetManagedPrefixListEntries',
  'ec2:DescribeInstances',
  'ec2:DescribeLaunchTemplates',
  'ec2:DescribeLaunchTemplateVersions',
] as const;

export interface Ec2ReaderOptions {
  /** Most EC2 requests in flight at once (default 8). */
  readonly concurrency?: number;
  /** MaxResults per page, clamped to each API's range (default: each API's maximum). */
  readonly pageSize?: number;
  /** Told after each page arrives: the API (e.g. DescribeSecurityGroups) and the items on the page. */
  readonly onPage?: (api: string, items: number) => void;
}

/** Owner id of AWS-managed prefix lists: readAll lists them but reads entries of customer lists only. */
const AWS_OWNER = 'AWS';

type Lookup = readonly [filter: string, ids: readonly string[] | undefined];

/**
 * Reads account state live from EC2 as describe-* documents. Every read runs concurrently, follows
 * NextToken, and splits filters longer than 200 values. Throttling and 5xx answers are retried by the
 * SDK (build the client with createEc2Client: maxAttempts 8, adaptive mode); `calls` counts the
 * requests this reader sends (one per page), not the SDK's internal retries. A failed request rejects
 * with Ec2ReadError naming the API.
 */
export class Ec2AccountReader implements AccountReader {
  #calls = 0;
  readonly #limit: <T>(task: () => Promise<T>) => Promise<T>;
  readonly #pageSize: number | undefined;
  readonly #onPage: Ec2ReaderOptions['onPage'];

  constructor(
    private readonly client: EC2Client,
    options: Ec2ReaderOptions = {},
  ) {
    this.#limit = createLimiter(options.concurrency ?? 8);
    this.#pageSize = options.pageSize;
    this.#onPage = options.onPage;
  }

  get calls(): number {
    return this.#calls;
  }

  resetCalls(): void {
    this.#calls = 0;
  }

  /** Reads exactly what the scope names; a layer no list asks for is not read (and absent). */
  async read(scope: ReadScope): Promise<SnapshotDocuments> {
    const groupIds = distinct(scope.groupIds);
    const [groups, rules, enis, nacls, prefixLists, reservations, templates] = await Promise.all([
      this.matching(securityGroups, [['group-id', groupIds]]),
      this.matching(securityGroupRules, [['group-id', groupIds]]),
      this.matching(networkInterfaces, [
        ['group-id', scope.enisOfGroups],
        ['network-interface-id', scope.eniIds],
      ]),
      this.matching(networkAcls, [
        ['association.subnet-id', scope.naclsOfSubnets],
        ['network-acl-id', scope.naclIds],
      ]),
      this.prefixLists(distinct(scope.prefixListIds)),
      this.matching(instances, [['instance-id', scope.instanceIds]]),
      this.launchTemplates(templateRequests(scope)),
    ]);
    const result: ReadResult = {
      groups: groups ?? [],
      enis: uniqueBy(enis ?? [], (e) => e.NetworkInterfaceId),
      ...(rules ? { rules } : {}),
      ...(nacls ? { nacls: uniqueBy(nacls, (n) => n.NetworkAclId) } : {}),
      ...(prefixLists ? { prefixLists } : {}),
      ...(reservations ? { instances: reservations } : {}),
      ...(templates ? { launchTemplates: templates } : {}),
    };
    return toDocuments(result);
  }

  /** Just these instances (the describe-instances document), gone ones absent. */
  async readInstances(instanceIds: readonly string[]): Promise<SnapshotDocuments['instances']> {
    return (await this.read({ groupIds: [], instanceIds })).instances;
  }

  /**
   * Just these launch templates and versions (both documents): every version of a template when
   * `versions` is absent. A deleted template or version is absent.
   */
  async readLaunchTemplateVersions(
    requests: readonly { readonly launchTemplateId: string; readonly versions?: readonly string[] }[],
  ): Promise<Pick<SnapshotDocuments, 'launchTemplates' | 'launchTemplateVersions'>> {
    const read = await this.launchTemplates(
      requests.map((r): TemplateRequest => [r.launchTemplateId, r.versions]),
    );
    const { launchTemplates: lt, launchTemplateVersions: ltv } = toDocuments({
      groups: [],
      enis: [],
      ...(read ? { launchTemplates: read } : {}),
    });
    return { ...(lt ? { launchTemplates: lt } : {}), ...(ltv ? { launchTemplateVersions: ltv } : {}) };
  }

  /**
   * Every group, rule, ENI, NACL and prefix list of the region (entries of customer lists), every
   * instance, and every launch template with all its versions.
   */
  async readAll(): Promise<SnapshotDocuments> {
    const [groups, rules, enis, nacls, prefixLists, reservations, templates] = await Promise.all([
      this.pages(securityGroups, {}),
      this.pages(securityGroupRules, {}),
      this.pages(networkInterfaces, {}),
      this.pages(networkAcls, {}),
      this.prefixLists('all'),
      this.pages(instances, {}),
      this.launchTemplates('all'),
    ]);
    return toDocuments({
      groups,
      rules,
      enis,
      nacls,
      ...(prefixLists ? { prefixLists } : {}),
      instances: reservations,
      ...(templates ? { launchTemplates: templates } : {}),
    });
  }

  /** Items matching any lookup (one filter each, ORed by separate calls); undefined when all are empty. */
  private async matching<T>(query: Query<T>, lookups: readonly Lookup[]): Promise<T[] | undefined> {
    const calls = lookups.flatMap(([name, ids]) =>
      chunk(distinct(ids), FILTER_VALUE_LIMIT).map((values) =>
        this.pages(query, { Filters: filterOf(name, values) }),
      ),
    );
    if (calls.length === 0) return undefined;
    return (await Promise.all(calls)).flat();
  }

  private async prefixLists(ids: readonly string[] | 'all'): Promise<ReadResult['prefixLists']> {
    if (ids !== 'all' && ids.length === 0) return undefined;
    const lists: ManagedPrefixList[] =
      ids === 'all'
        ? await this.pages(managedPrefixLists, {})
        : ((await this.matching(managedPrefixLists, [['prefix-list-id', ids]])) ?? []);
    const wanted = (ids === 'all' ? lists.filter((l) => l.OwnerId !== AWS_OWNER) : lists).flatMap(
      (l) => l.PrefixListId ?? [],
    );
    const entries = await Promise.all(
      distinct(wanted).map(
        async (id): Promise<[string, PrefixListEntry[]]> => [
          id,
          await this.pages(prefixListEntries, { PrefixListId: id }),
        ],
      ),
    );
    return { lists: uniqueBy(lists, (l) => l.PrefixListId), entries: new Map(entries) };
  }

  private launchTemplates(requests: readonly TemplateRequest[] | 'all'): Promise<ReadResult['launchTemplates']> {
    return readLaunchTemplates((query, input) => this.pages(query, input), requests);
  }

  /** All pages of one query; each page is one counted request. */
  private pages<T, Extra>(
    query: Query<T, Extra>,
    input: Omit<PageInput, 'MaxResults'> & Extra,
  ): Promise<T[]> {
    const MaxResults = clamp(this.#pageSize ?? query.pageSize.max, query.pageSize);
    return paginate(query.api, (token) =>
      this.#limit(async () => {
        this.#calls += 1;
        let page: Page<T>;
        try {
          page = await query.page(this.client, {
            ...input,
            MaxResults,
            ...(token === undefined ? {} : { NextToken: token }),
          });
        } catch (error) {
          throw new Ec2ReadError(`ec2:${query.api} failed: ${describeError(error)}`, {
            cause: error,
            api: query.api,
          });
        }
        const size = query.size ?? (() => 1);
        this.#onPage?.(
          query.api,
          (page.items ?? []).reduce((n, item) => n + size(item), 0),
        );
        return page;
      }),
    );
  }
}

