import { DEMO_ACCOUNTS } from './local/demo-accounts';
import { TokenFlowError, obtainTokens } from './local/oidc/obtain-tokens';

/**
 * `npm run -s token -- <email> [--json]`: an access token for a demo account from a running `npm start`, obtained
 * without a browser through the real authorization-code + PKCE flow of the local sign-in. Local mode only.
 *   curl -H "Authorization: Bearer $(npm run -s token -- lotte.lenaerts@c-valley.test)" http://127.0.0.1:3000/api/me
 * PARKPUNT_URL picks another app URL (default http://127.0.0.1:3000).
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const emails = args.filter((arg) => !arg.startsWith('--'));
const unknownFlags = args.filter((arg) => arg.startsWith('--') && arg !== '--json');
const appUrl = process.env.PARKPUNT_URL ?? 'http://127.0.0.1:3000';

function usage(): string {
  return [
    'Usage: npm run -s token -- <email> [--json]',
    '  Prints an access token for a demo account of a running `npm start` (--json: the whole token response).',
    '  PARKPUNT_URL sets the app URL (default http://127.0.0.1:3000).',
    'Demo accounts:',
    ...DEMO_ACCOUNTS.map((account) => `  ${account.email.padEnd(34)} ${account.description.en}`),
  ].join('\n');
}

async function main() {
  if (emails.length !== 1 || unknownFlags.length) {
    console.error(usage());
    process.exit(2);
  }
  const tokens = await obtainTokens(appUrl, emails[0]!);
  console.log(json ? JSON.stringify(tokens, null, 2) : tokens.access_token);
}

main().catch((error: unknown) => {
  console.error(error instanceof TokenFlowError ? `✖ ${error.message}` : error);
  process.exit(1);
});
