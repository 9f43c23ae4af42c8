import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev`: Vite serves the app and forwards /api to the example backend, so the session
// cookie stays same-origin. The Expys API itself is called directly with member tokens.
// changeOrigin stays false: the backend checks that Origin matches the Host it is asked under
// (CSRF) and that Host is one of its names (DNS rebinding); Vite's own 127.0.0.1:port is both.
export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: process.env.EXAMPLE_BACKEND_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: { sourcemap: true },
});
