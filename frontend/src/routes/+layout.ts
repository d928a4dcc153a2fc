import { setupI18n } from '#lib/i18n/index.js';

// A single-page app: everything renders in the browser, and adapter-static writes one fallback index.html.
export const ssr = false;
export const prerender = false;

setupI18n();
