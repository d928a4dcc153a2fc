import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ulid } from 'ulidx';

export type Mail = { to: string; subject: string; text: string; html: string };

let ses: SESv2Client | undefined;

/**
 * Sends a mail: through SES in AWS (MAIL_FROM), or into the local outbox folder (MAIL_OUTBOX_DIR) that the local
 * runner shows at /dev/outbox. The outbox is a real transport, not a fake: the same message leaves the handler.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const outbox = process.env.MAIL_OUTBOX_DIR;
  if (outbox) {
    await mkdir(outbox, { recursive: true });
    const id = ulid();
    await writeFile(join(outbox, `${id}.json`), JSON.stringify({ id, sentAt: new Date().toISOString(), ...mail }, null, 2));
    return;
  }
  const from = process.env.MAIL_FROM;
  if (!from) throw Object.assign(new Error('MAIL_FROM is not set'), { name: 'MailUnavailable' });
  ses ??= new SESv2Client({});
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [mail.to] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
