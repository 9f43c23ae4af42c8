import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/ and served by the sandbox at /_dashboard/ (same origin as its control plane
// under /_sandbox/, where the session cookie lives). `npm run dev`: Vite serves the app and
// forwards /_sandbox to a running sandbox (EXPYS_SANDBOX_URL, default http://127.0.0.1:4020);
// changeOrigin stays false, so the control plane sees the page's own origin (its CSRF check).
export default defineConfig({
  base: '/_dashboard/',
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: { '/_sandbox': { target: process.env.EXPYS_SANDBOX_URL ?? 'http://127.0.0.1:4020', changeOrigin: false } },
  },
  build: { outDir: 'dist', sourcemap: true },
});
