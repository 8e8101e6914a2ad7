import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import pkg from '../package.json' with { type: 'json' };

const { version } = pkg;

// Relative asset paths: the same build is loaded from file:// by Electron and over HTTP in browser mode.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  // The report for IT names the app version; the page has no other way to know it.
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 800 },
});
