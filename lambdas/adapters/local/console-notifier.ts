import type { GuardrailReport, Notifier } from '../../app/ports';
import { renderVerdictText } from '../../app/render/verdict-text';

/** Writes each notification as readable text (the CLI demo's notification channel). */
export class ConsoleNotifier implements Notifier {
  readonly name = 'console';
  constructor(private readonly write: (text: string) => void) {}

  async notify(report: GuardrailReport): Promise<void> {
    this.write(renderVerdictText(report.verdict, report.revert));
  }
}
