// The admin console's build (scripts/build-console.ts runs it with this folder as root; the server
// serves the output at /admin, see src/server/koa-admin-console.ts).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // no inline script or style may reach the page (the Content-Security-Policy forbids them)
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
