import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Where `npm run dev` finds a running node (liaison start or liaison demo) for the API. */
const node = 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [react()],
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
