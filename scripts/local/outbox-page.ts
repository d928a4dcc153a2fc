import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mount } from './gateway';

type StoredMail = { id: string; sentAt: string; to: string; subject: string; text: string; html: string };

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function readOutbox(dir: string): StoredMail[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .reverse()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as StoredMail);
}

/**
 * Local only: /dev/outbox lists the mails the handlers "sent" (invitations…), newest first, so invitation links
 * can be followed without a mail server. The mail bodies are shown as text: no mail HTML runs in the page.
 */
export function outboxPage(dir: string): Mount {
  return {
    prefix: '/dev/outbox',
    handle: (_request, response) => {
      const mails = readOutbox(dir);
      const linkify = (text: string) => escape(text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');
      const body = mails.length
        ? mails
            .map(
              (mail) => `<article><h2>${escape(mail.subject)}</h2><p class="meta">Aan / to: ${escape(mail.to)} · ${escape(mail.sentAt)}</p><pre>${linkify(mail.text)}</pre></article>`,
            )
            .join('\n')
        : '<p>Nog geen e-mails verstuurd. / No mails sent yet.</p>';
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      response.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Lokale outbox · Parkpunt</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1f2937}article{border:1px solid #d1d5db;border-radius:8px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}.meta{color:#4b5563}a{color:#0b5c78}a:focus-visible{outline:3px solid #f59e0b}</style></head>
<body><h1>Lokale outbox</h1><p>Alleen voor ontwikkeling: e-mails die Parkpunt lokaal verstuurt. / Local development only: mails Parkpunt sent.</p>${body}</body></html>`);
    },
  };
}
