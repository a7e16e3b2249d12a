import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One app, two shells: /admin (antd) and /m (antd-mobile), split into lazy chunks (src/main.tsx).
// The server serves dist/index.html for /admin/* and /m/*, and /assets/* from dist.
export default defineConfig({
  base: '/',
  plugins: [react()],
  // The workspace hoists React 18 for antd-mobile's dependencies; bundle exactly one React (19, from apps/web).
  resolve: { dedupe: ['react', 'react-dom'], alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
