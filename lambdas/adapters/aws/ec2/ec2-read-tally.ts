import { byCodeUnits } from '../../../core/util/compare';

/** Pages and items read from one EC2 API. */
export interface ApiTally {
  pages: number;
  items: number;
}

/** Short names of the reader's APIs in the progress line. */
const SHORT: Readonly<Record<string, string>> = {
  DescribeSecurityGroups: 'groups',
  DescribeSecurityGroupRules: 'rules',
  DescribeNetworkInterfaces: 'ENIs',
  DescribeNetworkAcls: 'NACLs',
  DescribeManagedPrefixLists: 'prefix lists',
  GetManagedPrefixListEntries: 'entries',
  DescribeInstances: 'instances',
  DescribeLaunchTemplates: 'launch templates',
  DescribeLaunchTemplateVersions: 'versions',
};

/** Counts pages and items per API as an Ec2AccountReader reports them (its onPage option). */
export class Ec2ReadTally {
  readonly #byApi = new Map<string, ApiTally>();

  /** Records one page; returns the progress label after it. */
  page(api: string, items: number): string {
    const tally = this.#byApi.get(api) ?? { pages: 0, items: 0 };
    tally.pages += 1;
    tally.items += items;
    this.#byApi.set(api, tally);
    return this.label();
  }

  /** `groups 1,200 (2p) · rules 5,400 (6p) · ...`, in the order the APIs first answered. */
  label(): string {
    return [...this.#byApi]
      .map(([api, t]) => `${SHORT[api] ?? api} ${t.items.toLocaleString('en-US')} (${t.pages}p)`)
      .join(' · ');
  }

  /** Pages and items per API, sorted by API name. */
  byApi(): Record<string, ApiTally> {
    return Object.fromEntries(
      [...this.#byApi].sort(([a], [b]) => byCodeUnits(a, b)).map(([api, t]) => [api, { ...t }]),
    );
  }
}
