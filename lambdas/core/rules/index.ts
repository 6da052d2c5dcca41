export { type AllowedLookup, allowedPortsLookup } from './allowed';
export { EXPOSURE_RULES, MissingRuleLogicError, RULE_CHECKS } from './catalog';
export { describeTraffic } from './describe';
export { type ExposureOptions, type ExposureResult, evaluateExposure } from './evaluate-exposure';
export { exposedPorts, newlyExposed } from './exposure';
export { sortPeers } from './hits';
export {
  ADMIN_PORTS,
  classifiedPorts,
  DATABASE_PORTS,
  INTERNAL_APP_PORTS,
  type PortClass,
} from './port-classes';
export { RULE_REGISTRY } from './registry';
export { describeSpace, INTERNET_PREFIX, measureSpace, scaledSeverity } from './world-breadth';
export type * from './types';
