import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from '@sveltejs/kit';

/**
 * The site is served with `Content-Security-Policy: script-src 'self'` (infra/stacks/web-stack.ts and the local
 * gateway), which blocks inline scripts, but SvelteKit boots the SPA from an inline `<script>` in the fallback
 * page. This wraps an adapter so that, once it has written the site, every inline script of every HTML page
 * moves into a content-hashed file under `_app/immutable/` and is loaded with a classic `<script src>` at the
 * very same place (SvelteKit's boot code finds its mount point through `document.currentScript`, which classic
 * external scripts have and module scripts do not).
 */
export function withExternalBootScript(adapter: Adapter, options: { pages?: string } = {}): Adapter {
  const pages = options.pages ?? 'build';
  return {
    ...adapter,
    async adapt(builder) {
      await adapter.adapt(builder);
      const moved = externaliseInlineScripts(pages, builder.config.appDir, builder.config.paths.base);
      builder.log.minor(`Moved ${moved} inline script(s) into files, for script-src 'self'`);
    },
  };
}

const INLINE_SCRIPT = /<script>([\s\S]*?)<\/script>/g;

export function externaliseInlineScripts(dir: string, appDir: string, base = ''): number {
  const outDir = join(dir, appDir, 'immutable', 'boot');
  let moved = 0;
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(file, 'utf8');
    const rewritten = html.replace(INLINE_SCRIPT, (_match, code: string) => {
      const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, `${hash}.js`), code.trim() + '\n');
      moved += 1;
      return `<script src="${base}/${appDir}/immutable/boot/${hash}.js"></script>`;
    });
    if (rewritten !== html) writeFileSync(file, rewritten);
  }
  return moved;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}
