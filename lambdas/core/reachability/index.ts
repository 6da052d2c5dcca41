export {
  type DependencyOptions,
  type DependencySpec,
  evaluateDependency,
  selectPairs,
} from './evaluate-dependency';
export { explainPath, type PathQuery } from './explain';
export { buildFixes, type FixContext } from './fixes';
export { evaluateNaclEntries, type NaclDecision, type NaclQuery, type NaclSegment } from './nacl-eval';
export { pickRuleNumber } from './nacl-fix';
export { endpointOf, evaluatePair, LAYER_ORDER } from './pair';
export {
  describeSelector,
  type EndpointSelection,
  selectEndpoint,
  selectEnis,
  selectGroups,
} from './select';
export { ruleCoversTraffic, trafficOf } from './traffic';
export type { Block, Endpoint, EniPair, LayerOutcome, PairOutcome, Traffic } from './types';
