// Vite build of the web app (src/web) into dist/web; the Fastify server serves it at / with
// an SPA fallback and the API under /api on the same origin. In development the dev server
// proxies /api to the API server on port 3000.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = process.env.KAM_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1600,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
