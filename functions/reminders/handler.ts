import { sendReminders, type ReminderRun } from '../activities/reminders';

/**
 * The daily reminder job: EventBridge invokes it in AWS (infra/stacks/api-stack.ts), the local runner every
 * 15 minutes (scripts/local/app.ts). It is idempotent, so a retried or doubled invocation sends nothing twice.
 * An error fails the invocation, and EventBridge's own retry (or tomorrow's run, for what is still tomorrow)
 * picks up where it stopped.
 */
export async function handler(_event?: unknown): Promise<ReminderRun> {
  return sendReminders(new Date());
}
