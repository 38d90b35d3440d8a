import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The server serves web/dist at `/`; the app uses hash routes, so relative asset paths suffice.
// The dev server (and `vite preview`) forward /api to `baoxue serve`: BAOXUE_API, default port 8080.
const api = process.env.BAOXUE_API || 'http://127.0.0.1:8080'

export default defineConfig({
  base: './',
  plugins: [vue()],
  server: {
    proxy: { '/api': api, '/healthz': api },
  },
  build: {
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts'
          if (id.includes('node_modules/element-plus')) return 'element-plus'
          if (id.includes('node_modules')) return 'vendor'
        },
      },
    },
  },
})
