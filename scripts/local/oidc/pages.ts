import type { DemoAccount } from '../demo-accounts';

/**
 * The local provider's own pages (sign-in, sign-out, errors): server-rendered, Dutch first with English alongside,
 * no script and no external resource. Only `npm start` serves them; in AWS Cognito's managed login takes their place.
 */

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Headers for every provider page; the gateway's CSP for app pages does not reach the /oidc mount. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const STYLE = `
  :root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #c9d1dc; --accent: #0b5cad; --warn-bg: #fff4d6; --warn-ink: #5c4100; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f4f6f9; }
  main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  .en { color: var(--muted); }
  .notice { background: var(--warn-bg); color: var(--warn-ink); border: 1px solid #e2c46b; border-radius: .5rem; padding: .75rem 1rem; margin: 1rem 0; }
  .notice strong { display: block; }
  ul.accounts { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: .5rem; }
  button { font: inherit; cursor: pointer; }
  .account { display: block; width: 100%; text-align: left; padding: .75rem 1rem; background: #fff; color: var(--ink);
    border: 1px solid var(--line); border-radius: .5rem; }
  .account:hover { border-color: var(--accent); background: #f0f6fd; }
  .account .name { display: block; font-weight: 600; }
  .account .email { display: block; color: var(--muted); font-size: .95rem; }
  .account .description { display: block; font-size: .95rem; }
  .secondary { padding: .5rem 1rem; background: #fff; color: var(--ink); border: 1px solid var(--line); border-radius: .5rem; }
  .primary { padding: .5rem 1rem; background: var(--accent); color: #fff; border: 1px solid var(--accent); border-radius: .5rem; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1rem; }
  button:focus-visible, a:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
  a { color: var(--accent); }
  dl { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0 0 .5rem; word-break: break-word; }
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

const DEV_NOTICE = `<div class="notice" role="note">
  <strong>Lokale aanmeldpagina — alleen voor ontwikkeling</strong>
  <span lang="en">Local sign-in page — for development only</span>
</div>`;

export function loginPage({ accounts, loginAction, abortAction, clientName, error }: {
  accounts: readonly DemoAccount[];
  loginAction: string;
  abortAction: string;
  clientName: string;
  error?: string;
}): string {
  const items = accounts
    .map(
      (account) => `    <li><button class="account" type="submit" name="sub" value="${escapeHtml(account.sub)}">
      <span class="name">${escapeHtml(account.name)}</span>
      <span class="email">${escapeHtml(account.email)}</span>
      <span class="description">${escapeHtml(account.description.nl)} <span class="en" lang="en">· ${escapeHtml(account.description.en)}</span></span>
    </button></li>`,
    )
    .join('\n');
  return layout(
    `Aanmelden bij ${clientName} · Sign in`,
    `<h1>Aanmelden bij ${escapeHtml(clientName)}</h1>
<p class="en" lang="en">Sign in to ${escapeHtml(clientName)}</p>
${DEV_NOTICE}
${error ? `<p role="alert"><strong>${escapeHtml(error)}</strong></p>` : ''}
<p>Kies een demo-account. Er is geen wachtwoord: deze aanmeldpagina bestaat alleen op je eigen machine (<code>npm start</code>).
  In AWS meld je aan via Amazon Cognito.<br>
  <span class="en" lang="en">Choose a demo account. There is no password: this sign-in page only exists on your own machine
  (<code>npm start</code>). In AWS you sign in with Amazon Cognito.</span></p>
<h2 id="accounts-heading">Demo-accounts <span class="en" lang="en">· Demo accounts</span></h2>
<form method="post" action="${escapeHtml(loginAction)}">
  <ul class="accounts" aria-labelledby="accounts-heading">
${items}
  </ul>
</form>
<form method="post" action="${escapeHtml(abortAction)}" class="actions">
  <button class="secondary" type="submit">Annuleren <span lang="en">· Cancel</span></button>
</form>`,
  );
}

export function logoutPage({ form, host }: { form: string; host: string }): string {
  return layout(
    'Afmelden · Sign out',
    `<h1>Afmelden?</h1>
<p class="en" lang="en">Sign out?</p>
${DEV_NOTICE}
<p>Wil je je afmelden bij de lokale aanmeldpagina van ${escapeHtml(host)}?<br>
  <span class="en" lang="en">Do you want to sign out of the local sign-in page at ${escapeHtml(host)}?</span></p>
${form}
<div class="actions">
  <button class="primary" autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Ja, afmelden <span lang="en">· Yes, sign out</span></button>
  <button class="secondary" type="submit" form="op.logoutForm">Nee, aangemeld blijven <span lang="en">· No, stay signed in</span></button>
</div>`,
  );
}

export function signedOutPage({ appUrl }: { appUrl: string }): string {
  return layout(
    'Afgemeld · Signed out',
    `<h1>Je bent afgemeld</h1>
<p class="en" lang="en">You are signed out.</p>
${DEV_NOTICE}
<p><a href="${escapeHtml(appUrl)}">Terug naar Parkpunt <span lang="en">· Back to Parkpunt</span></a></p>`,
  );
}

export function errorPage({ appUrl, details }: { appUrl: string; details: Record<string, unknown> }): string {
  const rows = Object.entries(details)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `  <dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  return layout(
    'Aanmelden mislukt · Sign-in failed',
    `<h1>Er ging iets mis bij het aanmelden</h1>
<p class="en" lang="en">Something went wrong while signing in.</p>
${DEV_NOTICE}
${rows ? `<dl>\n${rows}\n</dl>` : ''}
<p><a href="${escapeHtml(appUrl)}">Terug naar Parkpunt en opnieuw proberen <span lang="en">· Back to Parkpunt to try again</span></a></p>`,
  );
}
