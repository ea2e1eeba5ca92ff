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
    // MapLibre (about 1 MB) is a chunk of its own, loaded when the map is first opened
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': node,
      '/health': node,
    },
  },
})
