import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vite'

/**
 * The browser bundle takes core's values (core is pure): a Node.js built-in reaching it through
 * core, wire or anything else fails the build instead of breaking in the browser.
 */
const noNodeBuiltins: Plugin = {
  name: 'liaison-no-node-builtins',
  enforce: 'pre',
  resolveId(id, importer) {
    if (id.startsWith('node:'))
      this.error(`${id} (imported by ${importer ?? '?'}): the browser has no Node.js built-ins`)
    return null
  },
}

/** Where `npm run dev` finds a running node (liaison start or liaison demo) for the API. */
const node = 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [noNodeBuiltins, react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // two pages: the duty desk (index.html) and the citizen page (citizen.html, served by the
    // public listener at /register), which shares nothing with the duty desk but React
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        citizen: fileURLToPath(new URL('citizen.html', import.meta.url)),
      },
    },
    // MapLibre (about 1 MB) is a chunk of its own, loaded when the map is first opened
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': node,
      '/health': node,
      // the citizen page's API is on the public listener (the demo's first: 8090)
      '/public': 'http://127.0.0.1:8090',
    },
  },
})
