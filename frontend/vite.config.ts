import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { withExternalBootScript } from './tooling/external-boot-script.ts';

const apiPort = process.env.PARKPUNT_API_PORT ?? '3000';
const sharedDir = fileURLToPath(new URL('../shared', import.meta.url));

export default defineConfig({
  plugins: [
    // SvelteKit 3 has no svelte.config.js: its configuration goes here. A static SPA: every route renders in
    // the browser (see src/routes/+layout.ts) and unknown paths fall back to index.html, whose boot script
    // is moved into a file so that the site works under `script-src 'self'`.
    sveltekit({
      adapter: withExternalBootScript(adapter({ fallback: 'index.html' })),
    }),
  ],
  server: {
    // The API runs separately in development (npm start); the browser talks to it on the same origin. The
    // runtime settings (/config.json) come from there too. Sign-in itself needs the app on the provider's
    // registered origin (npm start's), so `vite dev` pages that need a session only work once the local provider
    // also accepts the dev server's redirect URI.
    proxy: {
      '/api': { target: `http://localhost:${apiPort}`, changeOrigin: false },
      '/config.json': { target: `http://localhost:${apiPort}`, changeOrigin: false },
    },
    // The front end imports the API contract (types, messages) from the repository's shared/ folder.
    fs: { allow: [sharedDir] },
  },
  build: { target: 'es2022' },
});
