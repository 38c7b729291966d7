import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * `vite preview` (npm start) serves a .tgz as it is, with its length, so that loading it shows progress against a
 * total: its static server knows no type for .tgz and sends none, and its compression then takes the archive for
 * text and gzips it again on the fly, without a length.
 */
const archivesAsTheyAre: Plugin = {
  name: 'archives-as-they-are',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      if (/\.tgz$/i.test(new URL(req.url ?? '/', 'http://preview').pathname)) res.setHeader('Content-Type', 'application/gzip');
      next();
    });
  },
};

export default defineConfig({
  plugins: [svelte(), archivesAsTheyAre],
  publicDir: 'static',
  worker: { format: 'es' },
  build: { target: 'es2022' },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
