import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into src/web/dist and served by the API server at /. Staff and admin pages are split into
// their own chunks (React.lazy) so the citizen pages stay small.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
