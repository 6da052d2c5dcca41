import type {
  Direction,
  LaunchTemplateVersion,
  NaclEntry,
  NetworkInterface,
  RuleSpec,
  SecurityGroup,
} from '../model/types';

/** Who made a call and from where, from CloudTrail's userIdentity and request context. */
export interface Actor {
  readonly arn?: string;
  /** IAMUser | AssumedRole | Root | AWSService | FederatedUser | ... */
  readonly type?: string;
  readonly principalId?: string;
  readonly accountId?: string;
  /** For assumed roles: the role ARN (sessionContext.sessionIssuer.arn). */
  readonly sessionIssuerArn?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** console | cli | terraform | cloudformation | sdk | service | unknown, derived from userAgent. */
  readonly via: 'console' | 'cli' | 'terraform' | 'cloudformation' | 'sdk' | 'service' | 'unknown';
}

export interface EventMeta {
  readonly eventId: string;
  readonly eventName: string;
  readonly eventTime?: string;
  readonly awsRegion?: string;
  /** recipientAccountId, else userIdentity.accountId. */
  readonly accountId?: string;
  readonly actor: Actor;
}

/** A rule added by an authorize call, with the id AWS gave it when the response says so. */
export interface AddedRule extends RuleSpec {
  readonly ruleId?: string;
}

/** One rule update of ModifySecurityGroupRules: the rule id and its full new content. */
export interface RuleUpdate {
  readonly ruleId: string;
  readonly rule: RuleSpec;
}

/** A change the engine understands, independent of the API that made it. */
export type Change =
  | {
      readonly kind: 'sg-rules-added';
      readonly groupId: string;
      readonly direction: Direction;
      readonly rules: readonly AddedRule[];
    }
  | {
      readonly kind: 'sg-rules-removed';
      readonly groupId: string;
      readonly direction: Direction;
      /** Removed by ipPermissions: the exact specs (descriptions unknown). */
      readonly rules: readonly RuleSpec[];
      /** Removed by securityGroupRuleIds. */
      readonly ruleIds: readonly string[];
      /** Content of removed rules when the response lists them (revokedSecurityGroupRuleSet). */
      readonly revoked?: readonly (RuleSpec & { readonly ruleId?: string })[];
    }
  | { readonly kind: 'sg-rules-modified'; readonly groupId: string; readonly updates: readonly RuleUpdate[] }
  | { readonly kind: 'eni-groups-set'; readonly eniId: string; readonly groupIds: readonly string[] }
  | { readonly kind: 'nacl-entry-created'; readonly naclId: string; readonly entry: NaclEntry }
  | { readonly kind: 'nacl-entry-replaced'; readonly naclId: string; readonly entry: NaclEntry }
  | {
      readonly kind: 'nacl-entry-deleted';
      readonly naclId: string;
      readonly ruleNumber: number;
      readonly egress: boolean;
    }
  | {
      readonly kind: 'nacl-association-replaced';
      /** The association replaced (request associationId). */
      readonly associationId: string;
      /** The NACL the subnet moves to. */
      readonly naclId: string;
      /** responseElements.newAssociationId when present. */
      readonly newAssociationId?: string;
    }
  | {
      /** RunInstances: every instance with every ENI it was launched with (groups, device index, subnet). */
      readonly kind: 'instances-launched';
      readonly instances: readonly LaunchedInstance[];
      /** The request's launchTemplate, when the launch used one (version as requested: "7", "$Latest"...). */
      readonly launchTemplate?: {
        readonly launchTemplateId?: string;
        readonly launchTemplateName?: string;
        readonly version?: string;
      };
    }
  | {
      /** CreateNetworkInterface (requesterManaged / requesterId set for service ENIs). */
      readonly kind: 'eni-created';
      readonly eni: NetworkInterface;
    }
  | {
      /** AttachNetworkInterface: the event has no groups; they come from the state (cache or one live read). */
      readonly kind: 'eni-attached';
      readonly eniId: string;
      readonly instanceId: string;
      readonly deviceIndex: number;
      readonly attachmentId?: string;
    }
  | {
      /** DetachNetworkInterface: only the attachment id is in the event; the ENI is found through the state. */
      readonly kind: 'eni-detached';
      readonly attachmentId: string;
      readonly force?: boolean;
    }
  | {
      /** ModifyInstanceAttribute with groupSet: the groups of the instance's primary ENI (device 0). */
      readonly kind: 'instance-groups-set';
      readonly instanceId: string;
      readonly groupIds: readonly string[];
    }
  | {
      /** CreateLaunchTemplate (version 1, the default) and CreateLaunchTemplateVersion. */
      readonly kind: 'launch-template-version-created';
      readonly version: LaunchTemplateVersion;
      /** CreateLaunchTemplate: the template itself is new. */
      readonly templateCreated: boolean;
    }
  | {
      /** ModifyLaunchTemplate: which version launches by default. */
      readonly kind: 'launch-template-default-set';
      readonly launchTemplateId: string;
      readonly defaultVersion: number;
    }
  | {
      /** ModifyManagedPrefixList: entries added and removed (normalised CIDRs). */
      readonly kind: 'prefix-list-modified';
      readonly prefixListId: string;
      readonly added: readonly string[];
      readonly removed: readonly string[];
    }
  | {
      /** CreateSecurityGroup: the new group with AWS's default egress rule (all traffic to 0.0.0.0/0). */
      readonly kind: 'sg-created';
      readonly group: SecurityGroup;
    }
  | { readonly kind: 'sg-deleted'; readonly groupId: string }
  | {
      /** CreateTags: tags set on resources (any type; the judge decides which matter to the policy). */
      readonly kind: 'tags-set';
      readonly resourceIds: readonly string[];
      readonly tags: Readonly<Record<string, string>>;
    }
  | {
      /** DeleteTags: keys removed; a value given means "only when the tag has this value". */
      readonly kind: 'tags-removed';
      readonly resourceIds: readonly string[];
      readonly tags: readonly { readonly key: string; readonly value?: string }[];
    };

/** One instance of a RunInstances response as the engine needs it. */
export interface LaunchedInstance {
  readonly instanceId: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly subnetId?: string;
  readonly vpcId?: string;
  /** Each with instanceId and deviceIndex set. */
  readonly networkInterfaces: readonly NetworkInterface[];
}

export type ChangeKind = Change['kind'];

/** The outcome of reading one CloudTrail record. Parsing never throws. */
export type ParsedEvent =
  | { readonly status: 'parsed'; readonly meta: EventMeta; readonly change: Change }
  | {
      readonly status: 'not-applied';
      readonly meta: EventMeta;
      readonly errorCode: string;
      readonly errorMessage?: string;
    }
  | { readonly status: 'ignored'; readonly meta?: EventMeta; readonly reason: string }
  | {
      readonly status: 'invalid';
      readonly meta?: Partial<EventMeta>;
      /** JSON path of the bad field, e.g. `$.detail.requestParameters.ipPermissions.items[0].fromPort`. */
      readonly path: string;
      readonly reason: string;
    };

/** A raw CloudTrail record (the `detail` of an EventBridge event) as plain JSON. */
export type CloudTrailRecord = Readonly<Record<string, unknown>>;

/** One record pulled out of an input document, with the JSON path it came from (for error messages). */
export interface LocatedRecord {
  readonly path: string;
  readonly record: unknown;
  /**
   * Set when the entry could not be read as a record at all (e.g. a lookup-events CloudTrailEvent
   * string that is not JSON); parseRecord reports it as `invalid` at `path` with this reason.
   */
  readonly unreadable?: string;
}
