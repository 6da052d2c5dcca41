import type { GuardianConfig } from '../core/config/schema';
import { parseDocument } from '../core/events/parse';
import { judge } from '../core/verdict/judge';
import type { Verdict } from '../core/verdict/types';
import type { Clock, StateSource } from './ports';

/** Judges every event of a document (EventBridge event, record, log file, lookup-events output). */
export async function evaluateEvents(
  document: unknown,
  deps: { readonly config: GuardianConfig; readonly state: StateSource; readonly clock: Clock },
): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const event of parseDocument(document)) {
    const model = await deps.state.modelFor(event.status === 'parsed' ? event.change : undefined);
    verdicts.push(judge({ event, model, config: deps.config, now: deps.clock.now() }));
  }
  return verdicts;
}
