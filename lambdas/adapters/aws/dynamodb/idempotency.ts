/**
 * The idempotency table holds the evaluator's event ledger (event-ledger.ts), which replaced the
 * Powertools idempotency wrapper: its IAM actions are the ledger's.
 */
export { EVENT_LEDGER_IAM_ACTIONS as IDEMPOTENCY_IAM_ACTIONS } from './event-ledger';
