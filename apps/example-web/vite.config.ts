import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev`: Vite serves the app and forwards /api to the example backend, so the session
// cookie stays same-origin. The Expys API itself is called directly with member tokens.
export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.EXAMPLE_BACKEND_URL ?? 'http://127.0.0.1:3000' },
  },
  build: { sourcemap: true },
});
